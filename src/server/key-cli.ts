/**
 * `npm run key -- <name> <channel…> [--events type,type] [--scenario id] [--wall public|internal]`:
 * makes a random key and prints it once (give it to the client), with the entry for API_KEYS
 * (or WALL_KEYS) that holds only its SHA-256: the gateway's configuration never holds the key.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ApiKeyEntry, KeyChannel, WallKeyEntry, sha256 } from './access/keys.ts';

const args = process.argv.slice(2);
const option = (flag: string) => {
  const i = args.indexOf(flag);
  if (i < 0) return undefined;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const events = option('--events');
const scenario = option('--scenario');
const wall = option('--wall');
const [name, ...channels] = args;
const key = randomBytes(24).toString('base64url');
const digest = sha256(key).toString('hex');

const usage = () => {
  console.error(
    'usage: npm run key -- <name> <events|cap|gps|read|metrics…> [--events incident:open,team:status] [--scenario erqi]\n' +
      '       npm run key -- <name> --wall <public|internal>',
  );
  process.exit(2);
};
if (!name) usage();
const entry = wall
  ? WallKeyEntry.safeParse({ name, audience: wall === 'internal' ? 'full' : wall, sha256: digest })
  : ApiKeyEntry.safeParse({
      name,
      channels: z.array(KeyChannel).parse(channels),
      events: events ? events.split(',') : [],
      ...(scenario ? { scenario } : {}),
      sha256: digest,
    });
if (!entry.success) {
  console.error(z.prettifyError(entry.error));
  usage();
} else {
  console.log(`key (give it to the client, it is not stored): ${key}`);
  console.log(`${wall ? 'WALL_KEYS' : 'API_KEYS'} entry: ${JSON.stringify(entry.data)}`);
}
