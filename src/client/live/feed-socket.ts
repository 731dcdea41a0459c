import { io } from 'socket.io-client';
import { credential } from '../api/credential.ts';
import { session } from '../api/session.ts';
import { setCommandSocket, type ConsoleSocket } from './commands.ts';

/**
 * The socket to the gateway: one connection carries the feed and the commands (one identity).
 * The token is read at every handshake, so signing in or out takes effect on reconnect; a
 * session the gateway ended or a token it refuses signs out, so the console asks for a sign-in
 * rather than retrying with a token that will not work. Returns the socket and how to close it.
 */
export function openFeedSocket(): { socket: ConsoleSocket; close: () => void } {
  const socket: ConsoleSocket = io({
    transports: ['websocket'],
    reconnectionDelayMax: 5_000,
    auth: (cb) => {
      const c = credential();
      cb(c ? { token: c } : {});
    },
  });
  setCommandSocket(socket);
  const unsession = session.subscribe(() => {
    socket.disconnect();
    socket.connect();
  });
  const ended = () => {
    if (session.get()) session.signOut();
  };
  socket.on('session:expired', ended);
  socket.on('connect_error', (e) => {
    if (/^invalid token|^tokens are not accepted/.test(e.message)) ended();
  });
  return {
    socket,
    close: () => {
      socket.close();
      setCommandSocket(null);
      unsession();
    },
  };
}
