/**
 * `npm run operator -- <name> <role>`: reads a password from standard input and prints the
 * OPERATORS entry for it (the password itself is never stored).
 */
import { createInterface } from 'node:readline/promises';
import { Role } from '../shared/protocol/index.ts';
import { hashPassword } from './operators.ts';

const [name, role] = process.argv.slice(2);
const r = Role.safeParse(role);
if (!name || !/^[\p{L}\p{N}_.-]{1,40}$/u.test(name) || !r.success) {
  console.error('usage: npm run operator -- <name> <viewer|duty_officer|planner|admin>');
  process.exit(2);
}
const rl = createInterface({ input: process.stdin, output: process.stderr });
const password = (await rl.question('password (≥ 8 characters): ')).trim();
rl.close();
if (password.length < 8) {
  console.error('the password needs at least 8 characters');
  process.exit(2);
}
console.log(`${name}:${r.data}:${hashPassword(password)}`);
