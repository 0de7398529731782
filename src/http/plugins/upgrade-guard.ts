import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

// Node sets `upgrade` on a request it delivered through the 'upgrade' event (missing from @types/node 20).
const isUpgrade = (raw: IncomingMessage) => (raw as IncomingMessage & { upgrade?: boolean }).upgrade === true;

/**
 * An `Upgrade: websocket` request reaches Node's 'upgrade' event (the
 * WebSocket plugin listens for it), which takes the socket away from the HTTP
 * server: none of its header, request or keep-alive timeouts apply any more,
 * and nothing closes it. The WebSocket plugin closes it only for routes in its
 * own plugin scope, so an upgrade request to any other route (or to no route)
 * got its HTTP answer and then held the socket for ever — a client could pile
 * up open sockets without limit. Here, at the root: such a request is answered
 * with `Connection: close`, and its socket is ended once the answer is written.
 * A real WebSocket route hijacks the reply, so neither hook touches it.
 */
export function registerUpgradeGuard(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (isUpgrade(request.raw)) reply.header('connection', 'close');
    done(null, payload);
  });
  app.addHook('onResponse', (request, _reply, done) => {
    // destroySoon: flush what was written, then close, without waiting for the peer.
    if (isUpgrade(request.raw)) request.raw.socket?.destroySoon();
    done();
  });
}
