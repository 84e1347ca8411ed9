import { Router } from 'express';
import { signatureMatches } from '../../adapters/wechat/crypto';
import { HttpError, route, sendError } from '../http';
import type { Runtime } from '../runtime';

/**
 * WeChat's calls to the server URL of an Official Account (issue 22). So far the verification WeChat
 * makes when the URL is saved (服务器配置): a GET signed with the token (SHA-1 over the sorted token,
 * timestamp and nonce), answered with its `echostr` as plain text. Messages (POST) come next.
 */
export function wechatRoutes(runtime: Runtime): Router {
  const router = Router();
  router.use((_req, res, next) => {
    if (!runtime.config.wechat) return sendError(res, new HttpError(404, 'CHANNEL_OFF', 'the WeChat channel is not configured (WECHAT_APP_ID)'));
    next();
  });
  router.get(
    '/',
    route(async (req, res) => {
      const { signature, timestamp, nonce, echostr } = req.query as Record<string, string | undefined>;
      if (!signature || !timestamp || !nonce || !echostr) throw new HttpError(400, 'MALFORMED_QUERY', 'signature, timestamp, nonce and echostr are required');
      if (!signatureMatches(signature, runtime.config.wechat!.token, timestamp, nonce)) {
        runtime.metrics.inbound.inc({ channel: 'wechat', outcome: 'bad_signature' });
        throw new HttpError(403, 'BAD_SIGNATURE', 'signature does not match WECHAT_TOKEN');
      }
      res.type('text/plain').send(echostr);
    }),
  );
  return router;
}
