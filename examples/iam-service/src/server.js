// A minimal stand-in for the real service: the health probes the deployment and shipshape.yaml name.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 3000);
const server = createServer((req, res) => {
  if (req.url === '/health/live' || req.url === '/health/ready') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'ok' }));
    return;
  }
  res.writeHead(404, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, code: 'MELMASTOON.IAM.ROUTE_NOT_FOUND' }));
});
server.listen(port, process.env.HOST ?? '127.0.0.1');
