import { spawnSync } from 'node:child_process';
import { startGateway } from './support/gateway.ts';
const { gateway, url } = await startGateway(['erqi'], false, { readAccess: 'signed-in', apiKeys: [{ name: 'gis', channels: ['read'], events: [], key: 'gis-read-key-0123456789abcdef' }] });
console.log(url);
await new Promise((r) => setTimeout(r, 60000));
await gateway.close();
