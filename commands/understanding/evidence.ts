/**
 * The words that show what a free text asks for, in English and Chinese (Simplified: the reader
 * folds Traditional first). A write the classifier guessed is proposed only when the text says so
 * in such words beside the entities the command needs: a guess alone never becomes a proposal.
 */
type Words = { en: RegExp; zh: RegExp };

const said = (words: Words, text: string): boolean => words.en.test(text) || words.zh.test(text);

/** Asking what something costs: a read (PRICE), never an order. */
const asksPrice: Words = {
  en: /\b(price|prices|pricing|priced|cost|costs|costing|how much|quote|quotation|rate|discount|charge|cheaper)\b/i,
  zh: /多少钱|几多钱|价|报价|费用|优惠|便宜|贵/,
};
const asksToOrder: Words = {
  en: /\b(order|orders|ordering|buy|purchase|send|sent|ship|deliver|need|want|would like|i'?d like|book|reorder|restock|place|put in|put me down|get me|give me|(can|could) (i|we) get|(i|we)'?ll take|(i|we) will take)\b/i,
  zh: /下单|下个单|落单|订|要|买|进货|补货|采购|来|发(?!票)|拿|备货/,
};
const saysSold: Words = { en: /\b(sold|sell|sells|selling|sale|sales|moved|went out)\b/i, zh: /卖|销|售出|出了|战报|日报|成交/ };
const saysHere: Words = {
  en: /\b(at|here|arrived|arrive|reached|got to|check(ed|ing)?[ -]?in|clock(ed|ing)?[ -]?in|start(ed|ing)? (my )?(shift|work|day))\b/i,
  zh: /签到|到店|到了|已到|在|上班|打卡|开工|到\S{0,8}(店|门店)/,
};
const saysLeaving: Words = {
  en: /\b(check(ed|ing)?[ -]?out|clock(ed|ing)?[ -]?out|sign(ed|ing)? (off|out)|log(ged|ging)? off|leaving|left|heading home|going home|off work|done for (the )?day|calling it a day|finish(ed|ing)? (my )?(shift|work|day))\b/i,
  zh: /签退|下班|走了|离店|离开|收工|撤了/,
};
const saysVisited: Words = {
  en: /\b(visit(ed|ing)?|inspect(ed|ing|ion)?|audit(ed|ing)?|checked on|went to|was at|dropped by|stopped by)\b/i,
  zh: /巡店|巡|走访|看了|检查|去了/,
};
/** A fault with a product: what a service request describes. */
const saysFaulty: Words = {
  en: /\b(broken|broke|break(s|ing)?|not working|doesn'?t work|does not work|won'?t|wont|isn'?t working|stopped working|faulty|fault|defect(ive)?|leak(s|ing|y)?|repair|fix|error|noise|noisy|smell(s|y)?|smok(e|es|ing)|burn(t|s|ing)?|crack(ed|s)?|dead|no power|overheat(s|ing)?|heat(ing)?|something( is)? wrong|problem with|issue with)\b/i,
  zh: /坏|故障|维修|修|不工作|不能用|用不了|没反应|不制热|不加热|不热|加热|漏|异响|噪音|报错|错误|烧|裂|碎|不转|跳闸|没电|开不了|不开机|失灵|冒烟|糊味|有问题|毛病|冇反应|唔work/,
};
const saysRejected: Words = {
  en: /\b(reject|rejected|decline|declined|deny|denied|refuse|refused|turn(ed)? down|(do not|don'?t|not) approve)\b/i,
  zh: /驳回|拒绝|不批|不能批|别批|不同意|否决|退回/,
};
const saysApproved: Words = {
  en: /\b(approve|approved|accept|accepted|go ahead|sign(ed)? off|green ?light|ok|okay)\b/i,
  zh: /批准|同意|通过|批了|准了|可以批|批吧/,
};
const saysSeen: Words = {
  en: /\b(ack|acknowledge|acknowledged|got it|seen|noted|on it|handling|received|(i'?ve|i have) got|will handle|looking into)\b/i,
  zh: /确认|收到|知道了|已阅|在处理|处理中|我来处理|看到了/,
};
const saysDelivered: Words = {
  en: /\b(delivered|done|dropped( it)?( off)?|drop(ped)? off|handed( it)?( over)?|completed|unloaded)\b/i,
  zh: /送达|送到|已送|签收|交货|卸货|送完|交了|送过去了|到货/,
};
/** Telling one's people something: what a manager's NOTICE does. */
const saysAnnounce: Words = {
  en: /\b(notify|inform|announce|announcement|broadcast|notice|let (everyone|everybody|all|my \w+|the \w+)( \w+)? know|tell (everyone|everybody|all|my \w+|the team))\b/i,
  zh: /通知|公告|告诉大家|告诉我的|告知|群发|转告|跟大家说/,
};
const asksToStop: Words = {
  en: /\bunsubscribe\b|\bopt(ing)?[ -]?out\b|\bleave me alone\b|\b(stop|quit|cease|no more|don'?t|do not|never)\b.*\b(text|texts|texting|message|messages|messaging|msgs?|sms|send|sending|contact|contacting|notifications?|reminders?|alerts?)\b/i,
  zh: /退订|取消订阅|取消.*(短信|提醒|通知|推送)|(别|不要|不想)再?(发|给我发|通知|提醒|打扰|收到)|停止(发送|通知|推送|提醒)/,
};
const asksToStart: Words = {
  en: /\b(subscribe|unstop|opt(ing)?[ -]?(back )?in)\b|\b(start|resume|restart|turn|switch|send)\b.*\b(texts?|texting|messages?|messaging|msgs?|notifications?|reminders?|sms|alerts?)\b.*\b(again|back|on)\b/i,
  zh: /订阅|恢复.*(通知|推送|发送|消息|提醒|短信)|重新(接收|订阅|发送|开通)|开通.*(短信|通知|提醒)|开启(通知|推送|提醒)/,
};
const asksToReturn: Words = {
  en: /\b(return(ing)?|send(ing)? (it |them |these |those )?back|take (it |them )?back|refund)\b/i,
  zh: /退货|退回|退掉|退了|要退|想退|退.{0,6}(台|个|件|箱)|退换/,
};
const asksForLanguage: Words = {
  en: /\b(speak|language|reply|respond|answer|talk|write|switch|change|english|chinese|mandarin)\b/i,
  zh: /说|讲|语言|回复|回答|用|中文|英文|普通话/,
};

/**
 * A question about how things stand, not a request: `has 1002 been approved`, `who approved
 * 1002`, `1001今天能送到不`, `谁批的1002`. `can you approve 1002` asks for the approval: no question.
 */
export function isQuestion(text: string): boolean {
  const t = text.trim();
  if (/^(can|could|would|will) you\b|\bplease\b|\bpls\b/i.test(t)) return false;
  return (
    /[?？]$/.test(t) ||
    /^(has|have|had|is|are|was|were|did|does|do|who|whom|whose|when|where|what|which|why|how|whether)\b/i.test(t) ||
    /[吗么呢嘛没不未][\s~!！。.]*$|是否|有没有|了没|能不能|可不可以|会不会|是不是|什么|啥|何时|哪|谁|怎么|如何|多少|几点|有冇|系咪|点样|边度|几时/.test(t)
  );
}

/** Per write intent, whether the text asks for it in words (its entities are checked beside this, in intents.ts). */
export const asksFor = {
  order: (text: string) => said(asksToOrder, text) && !said(asksPrice, text),
  sales: (text: string) => said(saysSold, text) && !said(asksPrice, text),
  checkin: (text: string) => said(saysHere, text) && !isQuestion(text),
  checkout: (text: string) => said(saysLeaving, text) && !isQuestion(text),
  visit: (text: string) => said(saysVisited, text) && !isQuestion(text),
  fix: (text: string) => said(saysFaulty, text),
  approve: (text: string) => said(saysApproved, text) && !said(saysRejected, text) && !isQuestion(text),
  reject: (text: string) => said(saysRejected, text) && !isQuestion(text),
  ack: (text: string) => said(saysSeen, text) && !isQuestion(text),
  done: (text: string) => said(saysDelivered, text) && !isQuestion(text),
  lang: (text: string) => said(asksForLanguage, text) && !isQuestion(text),
  stop: (text: string) => said(asksToStop, text) && !isQuestion(text),
  start: (text: string) => said(asksToStart, text) && !isQuestion(text),
  return: (text: string) => said(asksToReturn, text) && !isQuestion(text),
  notice: (text: string) => said(saysAnnounce, text) && !said(asksToStop, text) && !isQuestion(text),
};

export const asksForPrice = (text: string): boolean => said(asksPrice, text);

/**
 * Per read intent, the words of a question about it: a read the classifier guessed without the
 * product or number it needs is answered with its usage only when the text asks about that
 * (`how much does it cost`), not for any sentence shaped like a question (`那有没有棋牌室呢`).
 */
const aboutWords: Record<string, Words> = {
  stock: { en: /\b(stock|stocks|inventory|available|availability|left|in store|on hand|sold out|carry)\b/i, zh: /库存|货|剩|卖完|缺/ },
  price: asksPrice,
  status: {
    en: /\b(order|orders|deliver(y|ed)?|ship(ped|ping|ment)?|track(ing)?|arriv(e|ing|al)|eta|goods|package|parcel|approv(e|ed|al))\b/i,
    zh: /订单|单|货|送|发|物流|到|批|审/,
  },
  balance: {
    en: /\b(balance|owe|owing|credit|limit|headroom|statement|account|outstanding|overdue|due)\b/i,
    zh: /余额|欠|额度|对账|账|逾期|应收|还款/,
  },
  rebate: { en: /\b(rebates?|kickback|cash ?back|bonus|discount back)\b/i, zh: /返利|返点|返點|回扣|返现|奖励/ },
  ticket: { en: /\b(ticket|repair|service|fix(ed)?|technician)\b/i, zh: /工单|维修|报修|修|师傅/ },
  pay: { en: /\b(pay|paid|payslip|commission|salary|wage|wages|income|earn(ed|ings)?|incentive|bonus|take home)\b/i, zh: /佣金|工资|收入|提成|奖金|薪/ },
};
export const asksAbout = (intent: string, text: string): boolean => (aboutWords[intent] ? said(aboutWords[intent]!, text) : true);

/** A yes or a no in other words is short (`sure thing`, `好的没问题`); a longer text that begins with 行 or 好 is about something else. */
export const shortAnswer = (text: string): boolean =>
  (text.match(/\p{Script=Han}/gu)?.length ?? 0) <= 8 && text.split(/\s+/).filter((w) => /[A-Za-z]/.test(w)).length <= 8;
