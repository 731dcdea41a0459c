/**
 * Child process of the noise bench: `K` anonymous socket.io clients of one gateway, each sending
 * commands it may not send as fast as the gateway answers them, until told to stop. Reports how
 * many were sent and answered over IPC. argv: url, clients.
 */
import { io as connect, type Socket } from 'socket.io-client';

const [url = '', countArg = '50'] = process.argv.slice(2);
const sockets: Socket[] = [];
let sent = 0;
let answered = 0;
let running = true;

for (let i = 0; i < Number(countArg); i++) {
  const s = connect(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((r) => s.once('connect', () => r()));
  sockets.push(s);
}

async function flood(s: Socket, i: number): Promise<void> {
  let k = 0;
  while (running && s.connected) {
    // A burst of 100, then wait for the last answer: the gateway, not the network, sets the pace.
    for (let b = 0; b < 99; b++, k++)
      s.emit('incident:dispatch', {
        scenario: 'erqi',
        id: 'NOPE',
        teamIds: ['TM0001'],
        idempotencyKey: `flood-${i}-${k}-bench`,
      });
    await s.emitWithAck('team:set-status', {
      scenario: 'erqi',
      id: 'TM0001',
      status: 'off_duty',
      idempotencyKey: `flood-${i}-${k++}-bench`,
    });
    sent += 100;
    answered += 1;
  }
}

process.send?.('ready');
process.on('message', (m) => {
  if (m === 'start') for (const [i, s] of sockets.entries()) void flood(s, i);
  if (m === 'stop') {
    running = false;
    setTimeout(() => {
      process.send?.({ sent, answered });
      for (const s of sockets) s.close();
      process.exit(0);
    }, 200);
  }
});
