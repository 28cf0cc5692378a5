/**
 * Loaded into the Agents Playground's process (`node --import <this file> …/agentsplayground`) by
 * local/playground.ts. Two guards the playground has no option for:
 *
 * 1. Loopback only. The playground calls `server.listen(port)` without a host, which listens on every
 *    interface; anyone on the network could then open the chat and post activities to the anonymous local
 *    bot as any configured user. A `listen` without a host gets PLAYGROUND_BIND_HOST (127.0.0.1 unless
 *    HOST says otherwise, like the local Functions host). http://localhost:<port> keeps working.
 * 2. No orphan. `npm start` spawns the playground with an IPC channel; when that parent goes away for any
 *    reason (Ctrl-C, a crash, SIGKILL), the channel closes and the playground exits with it.
 */
import net from 'node:net';
import process from 'node:process';

const host = process.env.PLAYGROUND_BIND_HOST;
if (host) {
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function listenOnHost(...args) {
    const [first] = args;
    if (args.length === 0 || typeof first === 'function') {
      // listen() or listen(callback): a random port on every interface.
      args.unshift(0, host);
    } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
      // listen(port[, host][, backlog][, callback]): add the host unless one is given.
      if (typeof args[1] !== 'string') args.splice(1, 0, host);
    } else if (first !== null && typeof first === 'object' && !('path' in first) && !('fd' in first)) {
      // listen({ port, host? }): a handle or a socket path is left alone.
      if (!('_handle' in first) && first.host === undefined) args[0] = { ...first, host };
    }
    return listen.apply(this, args);
  };
}

if (process.channel) {
  // The channel must not keep the playground alive by itself, and its end means the parent is gone.
  process.channel.unref();
  process.on('disconnect', () => process.exit(0));
}
