import { DateTime } from 'luxon';
import { formatMoney } from '../../domain/money';
import type { Language } from '../../domain/people';
import type { ApprovalView } from '../../domain/reads';
import type { Child } from 'hono/jsx';
import { Notice, Shell, type PageNotice, type SignedIn } from './layout';
import { words } from './words';

const currency = 'CNY';
const money = (amount: number) => formatMoney(amount, currency);

/**
 * Orders, returns and rebate applications waiting for approval, longest waiting first: the dealer,
 * the lines at their prices (a rebate: its amount), why it waits (an order's credit figures, a
 * return's reason), since when, and who may decide. The decision buttons show
 * where the operator's linked person is in the requester's manager chain.
 */
export interface ApprovalListProps {
  language: Language;
  actor: SignedIn;
  approvals: ApprovalView[];
  mayAct: boolean;
  approvalAbove: number;
  zone: string;
}

/** The list itself: the live view replaces it whole (#approval-list) when one of its rows changes. */
export function ApprovalList(props: ApprovalListProps) {
  const { language, actor, approvals, mayAct, approvalAbove, zone } = props;
  const t = words[language];
  const a = t.approval;
  return (
    <div id="approval-list">
      {approvals.length === 0 ? <p class="empty">{a.none}</p> : null}
      {mayAct && !actor.person && approvals.length > 0 ? <p class="notice">{a.notLinked}</p> : null}
      <ul class="approvals">
        {approvals.map((order) => {
          const headroom = order.dealer.creditLimit - order.dealer.balance - order.dealer.otherOpenValue;
          const mine = mayAct && actor.person !== null && order.chain.some((m) => m.id === actor.person);
          return (
            <li id={`approval-${order.number}`}>
              <h2>
                {heading(order, a)} · {order.dealer.name} ({order.dealer.code})
              </h2>
              <p class="meta">
                {order.requester ? `${order.of === 'rebate' ? a.appliedFor : a.requestedBy} ${order.requester.name} · ` : ''}
                {a.waiting(DateTime.fromJSDate(order.since, { zone }).toFormat('yyyy-MM-dd HH:mm'))}
              </p>
              {order.about && 'reason' in order.about ? <p class="reason">{a.returnReason(order.about.reason)}</p> : null}
              {order.of === 'rebate' ? <p class="reason">{a.rebateAmount(money(order.total))}</p> : null}
              {order.lines.length === 0 ? null : (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{a.sku}</th>
                      <th scope="col">{a.product}</th>
                      <th scope="col" class="number">
                        {a.qty}
                      </th>
                      <th scope="col" class="number">
                        {a.price}
                      </th>
                      <th scope="col" class="number">
                        {a.amount}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {order.lines.map((line) => (
                      <tr>
                        <td>{line.sku}</td>
                        <td>{language === 'zh' ? (line.nameZh ?? line.name) : line.name}</td>
                        <td class="number">{line.qty}</td>
                        <td class="number">{money(line.price)}</td>
                        <td class="number">{money(line.qty * line.price)}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row" colspan={4}>
                        {a.total}
                      </th>
                      <td class="number">{money(order.total)}</td>
                    </tr>
                  </tfoot>
                </table>
              )}
              {order.reason ? (
                <p class="reason">
                  {order.reason === 'credit'
                    ? a.overCredit(money(order.dealer.creditLimit), money(order.dealer.balance), money(order.dealer.otherOpenValue), money(headroom))
                    : a.aboveThreshold(money(approvalAbove))}
                </p>
              ) : null}
              <p class="meta">
                {a.decidedBy}: {order.chain.length > 0 ? order.chain.map((m) => m.name).join(' › ') : a.noChain}
              </p>
              {mine ? (
                <div class="actions">
                  <form method="post" action={`/console/approvals/${order.number}/approve`}>
                    <input type="hidden" name="csrf" value={actor.csrfToken} />
                    <button type="submit">{a.approve}</button>
                  </form>
                  <form method="post" action={`/console/approvals/${order.number}/reject`} class="reject">
                    <input type="hidden" name="csrf" value={actor.csrfToken} />
                    <label>
                      {a.rejectReason} <input name="reason" maxlength={300} />
                    </label>
                    <button type="submit">{a.reject}</button>
                  </form>
                </div>
              ) : mayAct && actor.person && order.chain.length > 0 ? (
                <p class="meta">{a.notYours}</p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function heading(item: ApprovalView, a: (typeof words)['en']['approval']): string {
  if (item.about && 'order' in item.about) return a.returnOf(item.number, item.about.order);
  if (item.about && 'policy' in item.about) return a.rebateOf(item.number, item.about.policy, item.about.period);
  return a.order(item.number);
}

export function ApprovalsPage(props: ApprovalListProps & { notice: PageNotice; live: Child }) {
  const t = words[props.language];
  return (
    <Shell language={props.language} actor={props.actor} title={t.approvals} current="approvals">
      <h1>{t.approvals}</h1>
      {props.live}
      <Notice notice={props.notice} />
      <ApprovalList {...props} />
    </Shell>
  );
}
