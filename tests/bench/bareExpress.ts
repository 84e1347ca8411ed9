import express from 'express';

/** The baseline: Express answering a form POST with empty TwiML and nothing else, measured the same way. */
const app = express();
app.use(express.urlencoded({ extended: false }));
app.post('/webhooks/twilio/sms', (_req, res) => void res.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>'));
app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
app.listen(Number(process.env.PORT), '127.0.0.1');
