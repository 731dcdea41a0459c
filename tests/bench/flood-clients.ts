/**
 * Child process of the noise bench: `K` anonymous socket.io clients of one gateway, each sending
 * commands it may not send as fast as it can, and reconnecting at once whenever the gateway cuts
 * it off (an attacker, not a buggy console), until told to stop. Reports how many commands were
 * sent and how often it was cut off over IPC. argv: url, clients.
 */
import { io as connect, type Socket } from 'socket.io-client';

const [url = '', countArg = '50'] = process.argv.slice(2);
const sockets: Socket[] = [];
let sent = 0;
let cut = 0;
let running = false;

for (let i = 0; i < Number(countArg); i++) {
  const s = connect(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 20,
    reconnectionDelayMax: 100,
  });
  s.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') {
      cut++;
      // Cut off by the gateway: straight back.
      if (running) s.connect();
    }
  });
  // Refused at a handshake (too many new connections): socket.io tries again by itself.
  await new Promise<void>((r) => s.once('connect', () => r()));
  sockets.push(s);
}

async function flood(s: Socket, i: number): Promise<void> {
  let k = 0;
  while (running) {
    if (s.connected)
      for (let b = 0; b < 100; b++, k++)
        s.emit('incident:dispatch', {
          scenario: 'erqi',
          id: 'NOPE',
          teamIds: ['TM0001'],
          idempotencyKey: `flood-${i}-${k}-bench`,
        });
    if (s.connected) sent += 100;
    // Yield to the socket's I/O between bursts (as fast as the client's own loop allows).
    await new Promise((r) => setImmediate(r));
  }
}

process.send?.('ready');
process.on('message', (m) => {
  if (m === 'start') {
    running = true;
    for (const [i, s] of sockets.entries()) void flood(s, i);
  }
  if (m === 'stop') {
    running = false;
    setTimeout(() => {
      process.send?.({ sent, cut });
      for (const s of sockets) s.close();
      process.exit(0);
    }, 200);
  }
});
