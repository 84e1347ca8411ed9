import type { WechatTokens } from './token';

/**
 * A file a WeChat user sent (a ticket's photo), fetched by its MediaId from the temporary media API
 * (`GET /cgi-bin/media/get`, https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Get_temporary_materials.html),
 * which keeps it three days. Null when WeChat no longer has it.
 */
export async function wechatMedia(tokens: WechatTokens, apiRoot: string, mediaId: string): Promise<{ body: Buffer; type: string } | null> {
  type Answer = { errcode?: number; file?: { body: Buffer; type: string } };
  const answer = await tokens
    .call<Answer>(async (token) => {
      const response = await fetch(`${apiRoot}/cgi-bin/media/get?access_token=${encodeURIComponent(token)}&media_id=${encodeURIComponent(mediaId)}`, {
        signal: AbortSignal.timeout(15_000),
      });
      const type = response.headers.get('content-type') ?? '';
      // An error is JSON ({errcode, errmsg}); the file is its own type.
      if (!response.ok || type.includes('json') || type.startsWith('text/'))
        return (await response.json().catch(() => ({ errcode: -1 }))) as { errcode?: number };
      return { file: { body: Buffer.from(await response.arrayBuffer()), type } };
    })
    .catch(() => null);
  return answer?.file ?? null;
}
