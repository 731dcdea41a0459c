/**
 * `npm run import` of a shelter register into a jurisdiction, with files the test writes itself
 * (a GBK CSV, an XLSX with a merged title row): refused rows reported with row and reason, all or
 * nothing, a re-import that is a diff, an import killed before its swap that changes nothing, and
 * a gateway that serves the imported version.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { existsSync, lstatSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport, type ImportRequest } from '../../src/server/import/run-import.ts';
import { writeTemplate } from '../../src/server/import/templates.ts';
import { templateOf } from '../../src/shared/import/registers/index.ts';
import { createGateway } from '../../src/server/app.ts';
import { ImportReport, type AdminArea, type Shelter } from '../../src/shared/protocol/index.ts';
import { signedIn, TEST_SECRET } from '../support/access.ts';
import { DEMO, demoDataDir } from '../support/data-dir.ts';
import { ROOT } from '../support/gateway.ts';
import { sampleIncident } from '../support/samples.ts';
import { gbk } from '../support/gbk.ts';

const data = demoDataDir();
const dir = data.dir;
const target = join(dir, DEMO.id);
let villages: AdminArea[];
let before: Shelter[];
const req = (files: string[], extra: Partial<ImportRequest> = {}): ImportRequest => ({
  dataDir: dir,
  jurisdiction: DEMO.id,
  files,
  crs: 'wgs84',
  apply: false,
  by: 'test',
  ...extra,
});
const shelters = () => JSON.parse(readFileSync(join(target, 'shelters.json'), 'utf8')) as Shelter[];

beforeAll(() => {
  villages = JSON.parse(readFileSync(join(target, 'villages.json'), 'utf8')) as AdminArea[];
  before = shelters();
});
afterAll(() => data.remove());

/** A register of three new shelters, one of them bad (a text where a number belongs). */
function rows(bad = true): (string | number)[][] {
  const [a, b] = villages;
  if (!a || !b) throw new Error('no villages');
  return [
    [
      '应急避难场所名称',
      '场所类型',
      '可容纳人数',
      '经度',
      '纬度',
      '适用灾种',
      '负责人',
      '联系电话',
    ],
    ['导入测试第一小学', '学校', 600, a.seat[0], a.seat[1], '洪水、地震', '王五', '10011112222'],
    ['导入测试体育馆', '体育馆', bad ? '约一千' : 1000, b.seat[0], b.seat[1], '洪水', '', ''],
    ['导入测试广场', '广场', 2000, b.seat[0], b.seat[1], '地震', '', ''],
  ];
}
const csv = (r: (string | number)[][]) => r.map((row) => row.join(',')).join('\r\n');

describe('importing a shelter register', () => {
  it('reads a GBK CSV, reports the refused row with its row, column and reason, and applies nothing', async () => {
    const file = join(dir, 'shelters-gbk.csv');
    writeFileSync(file, gbk(csv(rows())));
    const out = await runImport(req([file], { apply: true, merge: true }));
    expect(out.files).toEqual([
      expect.objectContaining({
        encoding: 'gb18030',
        register: 'shelters',
        rows: 3,
        accepted: 2,
        refused: 1,
      }),
    ]);
    const errors = out.problems.filter((p) => p.level === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        file: 'shelters-gbk.csv',
        row: 3,
        column: '可容纳人数',
        value: '约一千',
        reason: { zh: '应为数字', en: 'must be a number' },
      }),
    ]);
    // All or nothing: one refused row, and the jurisdiction is as it was.
    expect(out.applied).toBeNull();
    expect(lstatSync(target).isSymbolicLink()).toBe(false);
    expect(shelters()).toEqual(before);
  });

  it('imports a fixed XLSX below its merged title row, as a new version in force at once', async () => {
    const file = join(dir, 'shelters.xlsx');
    const [header, ...body] = rows(false);
    await writeXlsxFile(
      [
        [
          { value: '中牟县应急避难场所登记表（2026年）', columnSpan: 8 },
          null,
          null,
          null,
          null,
          null,
          null,
          null,
        ],
        (header ?? []).map((value) => ({ value: String(value) })),
        ...body.map((r) => r.map((value) => ({ value }))),
      ],
      { sheet: '避难场所' },
    ).toFile(file);
    const dry = await runImport(req([file], { merge: true }));
    expect(dry.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(dry.diffs.get('shelters')).toMatchObject({ unchanged: before.length, removed: [] });
    expect(dry.diffs.get('shelters')?.added.map((s) => (s as Shelter).name)).toEqual([
      '导入测试第一小学',
      '导入测试体育馆',
      '导入测试广场',
    ]);
    expect(dry.applied).toBeNull();

    const out = await runImport(req([file], { merge: true, apply: true }));
    expect(out.applied).toMatch(/^\d{8}T\d{6}-[0-9a-f]{6}$/);
    expect(lstatSync(target).isSymbolicLink()).toBe(true);
    expect(shelters()).toHaveLength(before.length + 3);
    const meta = JSON.parse(readFileSync(join(target, 'meta.json'), 'utf8')) as {
      version: string;
      counts: Record<string, number>;
    };
    expect(meta.version).toBe(out.applied);
    expect(meta.counts.shelters).toBe(before.length + 3);
    // The version before is kept, restorable.
    expect(
      readdirSync(join(dir, '.versions', DEMO.id)).filter((v) => v !== 'imports.jsonl'),
    ).toHaveLength(2);

    // The same file again is no change at all: ids are stable, nothing is duplicated.
    const again = await runImport(req([file], { merge: true }));
    expect(again.diffs.get('shelters')).toMatchObject({ added: [], changed: [], removed: [] });
  });

  it('serves the imported version from the gateway', async () => {
    const gateway = await createGateway({
      dataDir: dir,
      eventLog: ':memory:',
      simulator: null,
      readAccess: 'open',
    });
    try {
      const base = await gateway.listen(0);
      const body = (await (
        await fetch(`${base}/api/scenarios/${DEMO.id}/collections/shelters/items?limit=5000`)
      ).json()) as { features: { properties: { name: string } }[] };
      const names = body.features.map((f) => f.properties.name);
      expect(names).toContain('导入测试第一小学');
      expect(names).toHaveLength(before.length + 3);
      // Erqi, whose data the demo copies, has none of them.
      const erqi = (await (
        await fetch(`${base}/api/scenarios/erqi/collections/shelters/items?limit=5000`)
      ).json()) as typeof body;
      expect(erqi.features.map((f) => f.properties.name)).not.toContain('导入测试第一小学');
    } finally {
      await gateway.close();
    }
  });

  it('serves a new version to a running gateway and its consoles without a restart, losing no event and no live state', async () => {
    const gateway = await createGateway({
      dataDir: dir,
      eventLog: ':memory:',
      simulator: null,
      readAccess: 'open',
      checkpointEvery: 1,
      dataPollMs: 100,
    });
    const base = await gateway.listen(0);
    const socket = connect(base, { transports: ['websocket'], reconnection: false });
    try {
      await socket.emitWithAck('feed:subscribe', { scenario: DEMO.id });
      const seen: string[] = [];
      socket.on('feed:batch', (events: { type: string }[]) =>
        seen.push(...events.map((e) => e.type)),
      );
      const version = new Promise<{ version: string }>((resolve) =>
        socket.once('scenario:version', resolve),
      );
      // Live state before the import: an incident open, a team out.
      const incident = sampleIncident({ status: 'confirmed' });
      expect((await gateway.hub.publish(DEMO.id, 'incident:open', incident)).ok).toBe(true);
      const team = (gateway.hub.live.get(DEMO.id)?.teams.values().next().value ?? null) as {
        id: string;
      } | null;
      if (!team) throw new Error('no team');
      await gateway.hub.publish(DEMO.id, 'team:status', { id: team.id, status: 'on_scene' });

      const file = join(dir, 'one-more.csv');
      const [a] = villages;
      writeFileSync(
        file,
        csv([
          rows(false)[0] ?? [],
          ['热更新测试学校', '学校', 300, a?.seat[0] ?? 0, a?.seat[1] ?? 0, '洪水'],
        ]),
      );
      const out = await runImport(req([file], { merge: true, apply: true }));
      expect(out.applied).not.toBeNull();
      // Events go on while the gateway swaps the version in.
      const update = await gateway.hub.publish(DEMO.id, 'incident:update', {
        ...incident,
        status: 'on_scene',
      });
      expect(update.ok).toBe(true);
      expect((await version).version).toBe(out.applied);

      const items = (await (
        await fetch(`${base}/api/scenarios/${DEMO.id}/collections/shelters/items?limit=5000`)
      ).json()) as { features: { properties: { name: string } }[] };
      expect(items.features.map((f) => f.properties.name)).toContain('热更新测试学校');
      const live = gateway.hub.live.get(DEMO.id);
      expect(live?.teams.get(team.id)?.status).toBe('on_scene');
      expect(live?.incidents.get(incident.id)?.status).toBe('on_scene');
      expect(live?.shelters.size).toBe(before.length + 4);
      expect(seen).toEqual(['incident:open', 'team:status', 'incident:update']);
      const listed = (await (await fetch(`${base}/api/scenarios`)).json()) as {
        scenarios: { id: string; version: string }[];
      };
      expect(listed.scenarios.find((s) => s.id === DEMO.id)?.version).toBe(out.applied);
    } finally {
      socket.close();
      await gateway.close();
    }
  });

  it('changes nothing when the import is killed after writing its version but before the swap', async () => {
    const inForce = lstatSync(target).isSymbolicLink()
      ? readFileSync(join(target, 'meta.json'), 'utf8')
      : '';
    const file = join(dir, 'replace.csv');
    writeFileSync(file, csv(rows(false).slice(0, 2)));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src/server/import/import-cli.ts'), DEMO.id, file, '--apply'],
      {
        env: { ...process.env, DATA_DIR: dir, IMPORT_HOLD_BEFORE_SWAP_MS: '60000' },
        stdio: 'ignore',
      },
    );
    // Wait until the new version's manifest exists (written, not yet in force), then kill.
    const versions = join(dir, '.versions', DEMO.id);
    const count = () =>
      readdirSync(versions).filter((v) => existsSync(join(versions, v, 'manifest.json'))).length;
    const had = count();
    const deadline = Date.now() + 60_000;
    while (count() === had && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(count()).toBe(had + 1);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(readFileSync(join(target, 'meta.json'), 'utf8')).toBe(inForce);
    expect(shelters()).toHaveLength(before.length + 4);
  });

  it('gives a template whose units row, example row and notes sheet the import skips, so a filled template imports as it is', async () => {
    const template = join(dir, 'teams-template.xlsx');
    await writeTemplate(templateOf('teams'), template);
    const [sheet, notes] = await readXlsxFile(template);
    expect(sheet?.sheet).toBe('救援队伍');
    expect(sheet?.data[0]?.slice(0, 4)).toEqual(['队伍名称', '队伍类型', '队伍总人数', '专业特长']);
    expect(notes?.sheet).toBe('填写说明');
    // Closed columns carry a drop-down list: 队伍类型 (column B) offers the five kinds.
    const sheetXml = strFromU8(
      unzipSync(readFileSync(template))['xl/worksheets/sheet1.xml'] ?? new Uint8Array(),
    );
    const list =
      /<dataValidation type="list"[^>]*sqref="B3:B\d+"><formula1>&quot;([^&]*)&quot;/.exec(
        sheetXml,
      );
    expect(list?.[1]?.split(',')).toEqual([
      '综合救援队',
      '专业队伍',
      '乡镇（街道）队伍',
      '村（社区）队伍',
      '社会志愿队伍',
    ]);
    // The officer fills two rows under the template's own two.
    const header = (sheet?.data[0] ?? []).map(String);
    const at = (name: string) => header.indexOf(name);
    const row = (values: Record<string, string | number>) => {
      const r: (string | number | null)[] = header.map(() => null);
      for (const [k, v] of Object.entries(values)) r[at(k)] = v;
      return r;
    };
    const [a] = villages;
    const filled = join(dir, 'teams-filled.xlsx');
    await writeXlsxFile([
      {
        sheet: '救援队伍',
        data: [
          ...(sheet?.data ?? []).map((r) => r.map((value) => ({ value: value as string }))),
          ...[
            row({
              队伍名称: '模板测试救援队',
              队伍类型: '专业队伍',
              队伍总人数: 20,
              专业特长: '水域救援',
              冲锋舟: 2,
              经度: a?.seat[0] ?? 0,
              纬度: a?.seat[1] ?? 0,
            }),
            row({
              队伍名称: '模板测试排涝队',
              队伍类型: '乡镇队伍',
              队伍总人数: 12,
              专业特长: '排涝',
              经度: a?.seat[0] ?? 0,
              纬度: a?.seat[1] ?? 0,
            }),
          ].map((r) => r.map((value) => (value === null ? null : { value }))),
        ],
      },
      {
        sheet: '填写说明',
        data: notes?.data.map((r) => r.map((value) => ({ value: value as string }))) ?? [],
      },
    ]).toFile(filled);
    const out = await runImport(req([filled], { merge: true }));
    // The example row under the units row is left as it was: skipped, and said.
    expect(out.problems.map((p) => [p.level, p.row, p.reason.zh])).toEqual([
      ['warning', 3, '模板示例行，未导入'],
    ]);
    expect(out.files).toEqual([
      expect.objectContaining({ register: 'teams', rows: 2, accepted: 2 }),
    ]);
    expect(
      out.diffs.get('teams')?.added.map((t) => (t as { id: string; name?: string }).name),
    ).toEqual(['模板测试救援队', '模板测试排涝队']);
  });

  it('imports through the gateway for an administrator only: checked, reported, applied, served at once and audited', async () => {
    const gateway = await createGateway({
      dataDir: dir,
      eventLog: ':memory:',
      simulator: null,
      readAccess: 'open',
      tokenSecret: TEST_SECRET,
      // Not by the directory watch: the import itself serves what it applied.
      dataPollMs: 0,
    });
    const base = await gateway.listen(0);
    const post = async (role: 'admin' | 'duty_officer', body: string, query: string) =>
      fetch(`${base}/api/scenarios/${DEMO.id}/imports?${query}`, {
        method: 'POST',
        headers: {
          ...(await signedIn(role)),
          'content-type': 'application/octet-stream',
          'x-file-name': encodeURIComponent('避难场所.csv'),
        },
        body,
      });
    try {
      expect((await post('duty_officer', csv(rows()), 'apply=1')).status).toBe(403);
      const refused = (await (
        await post('admin', csv(rows()), 'apply=1&merge=1')
      ).json()) as ImportReport;
      expect(ImportReport.parse(refused).applied).toBeNull();
      expect(refused.problems.filter((p) => p.level === 'error')).toEqual([
        expect.objectContaining({
          file: '避难场所.csv',
          row: 3,
          column: '可容纳人数',
          value: '约一千',
        }),
      ]);
      // The same check as a workbook: every problem, one row each, for the officer to fix from.
      const workbook = await post('admin', csv(rows()), 'report=xlsx&merge=1');
      expect(workbook.headers.get('content-type')).toContain('spreadsheetml');
      const reportFile = join(dir, 'gateway-report.xlsx');
      writeFileSync(reportFile, Buffer.from(await workbook.arrayBuffer()));
      const [reportSheet] = await readXlsxFile(reportFile);
      expect(reportSheet?.data.slice(1).map((r) => [r[0], r[3], r[4], r[5]])).toEqual([
        ['错误 error', 3, '可容纳人数', '约一千'],
      ]);
      expect((await post('admin', csv(rows()), 'report=xlsx&apply=1')).status).toBe(400);
      const good = rows(false).map((r, i) =>
        i === 0 ? r : [`网关${String(r[0])}`, ...r.slice(1)],
      );
      const res = await post('admin', csv(good), 'apply=1&merge=1');
      expect(res.status).toBe(200);
      const applied = ImportReport.parse(await res.json());
      expect(applied.applied).not.toBeNull();
      expect(applied.diffs).toEqual([
        expect.objectContaining({ collection: 'shelters', added: 3, removed: 0 }),
      ]);
      const items = (await (
        await fetch(`${base}/api/scenarios/${DEMO.id}/collections/shelters/items?limit=5000`)
      ).json()) as { features: { properties: { name: string } }[] };
      expect(items.features.map((f) => f.properties.name)).toContain('网关导入测试第一小学');
      const audit = (await (
        await fetch(`${base}/api/audit?command=data:import`, { headers: await signedIn('admin') })
      ).json()) as { entries: { outcome: string; detail: string }[] };
      expect(audit.entries.map((e) => e.outcome).sort()).toEqual([
        'done',
        'refused',
        'refused',
        'refused',
      ]);
      const template = await fetch(`${base}/api/scenarios/${DEMO.id}/imports/templates/shelters`, {
        headers: await signedIn('admin'),
      });
      expect(template.status).toBe(200);
      expect(new TextDecoder().decode((await template.arrayBuffer()).slice(0, 2))).toBe('PK');
      // Too big is refused from its Content-Length, before the body is read.
      const status = await new Promise<number>((resolve, reject) => {
        const url = new URL(`${base}/api/scenarios/${DEMO.id}/imports`);
        void signedIn('admin').then((auth) => {
          const r = request(
            {
              host: url.hostname,
              port: url.port,
              path: url.pathname,
              method: 'POST',
              headers: {
                ...auth,
                'content-type': 'application/octet-stream',
                'content-length': String(300 * 1024 * 1024),
                'x-file-name': 'big.csv',
              },
            },
            (answer) => resolve(answer.statusCode ?? 0),
          );
          r.on('error', reject);
          r.write('名称');
        });
      });
      expect(status).toBe(413);
    } finally {
      await gateway.close();
    }
  });

  it('refuses a truncated XLSX and a file it cannot read, each with the reason, and applies nothing', async () => {
    const whole = readFileSync(join(dir, 'shelters.xlsx'));
    const truncated = join(dir, 'truncated.xlsx');
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    const pdf = join(dir, 'scan.pdf');
    writeFileSync(pdf, '%PDF-1.4');
    const out = await runImport(req([truncated, pdf], { apply: true }));
    expect(out.applied).toBeNull();
    expect(out.problems.map((p) => [p.file, p.reason.zh.split('：')[0]])).toEqual([
      ['truncated.xlsx', '无法读取 XLSX（文件损坏或不是 XLSX）'],
      ['scan.pdf', '不支持的文件类型 .pdf'],
    ]);
  });

  it('writes a report a GIS officer can sort and fix from, and exits non-zero on refused rows', async () => {
    const file = join(dir, 'shelters-bad.csv');
    writeFileSync(file, gbk(csv(rows())));
    const report = join(dir, 'report.xlsx');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'src/server/import/import-cli.ts'),
        DEMO.id,
        file,
        '--apply',
        '--report',
        report,
      ],
      { env: { ...process.env, DATA_DIR: dir } },
    );
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(1);
    expect(stdout).toContain('第 3 行 「可容纳人数」 "约一千": 应为数字 — must be a number');
    expect(stdout).toContain('nothing applied: 1 错误 errors');
    const [sheet] = await readXlsxFile(report);
    expect(sheet?.data[1]).toEqual([
      '错误 error',
      'shelters-bad.csv',
      null,
      3,
      '可容纳人数',
      '约一千',
      '应为数字',
      'must be a number',
    ]);
  });
});

describe('importing village figures and grid members', () => {
  it('changes the named villages’ figures and adds grid members placed at their village, in one workbook', async () => {
    const [a, b] = villages;
    if (!a || !b) throw new Error('no villages');
    const gridBefore = JSON.parse(readFileSync(join(target, 'grid-members.json'), 'utf8')) as {
      id: string;
    }[];
    const file = join(dir, 'villages-and-grid.xlsx');
    const sheet = (rows: (string | number)[][]) => rows.map((r) => r.map((value) => ({ value })));
    await writeXlsxFile([
      {
        sheet: '村人口',
        data: sheet([
          [
            '行政区划代码',
            '村（社区）名称',
            '常住人口数量',
            '户数',
            '65岁以上人数',
            '残障人员人数',
          ],
          [a.code, a.name, a.population + 100, a.households + 40, 150, 7],
          [b.code, '', b.population + 1, '', '', ''],
        ]),
      },
      {
        sheet: '网格员',
        data: sheet([
          ['网格员姓名', '联系电话', '专兼职', '所在村代码'],
          ['导入测试网格员甲', '10012345678', '专职', a.code],
          ['导入测试网格员乙', '10012345679', '兼职', b.code],
        ]),
      },
    ]).toFile(file);
    const out = await runImport(req([file], { apply: true, merge: true }));
    expect(out.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(out.files.map((f) => [f.sheet, f.register, f.accepted])).toEqual([
      ['村人口', 'villages', 2],
      ['网格员', 'grid-members', 2],
    ]);
    const diff = (c: 'villages' | 'grid-members') => {
      const d = out.diffs.get(c);
      return d && [d.added.length, d.changed.length, d.removed.length];
    };
    expect(diff('villages')).toEqual([0, 2, 0]);
    expect(diff('grid-members')).toEqual([2, 0, 0]);
    expect(out.applied).not.toBeNull();

    const now = JSON.parse(readFileSync(join(target, 'villages.json'), 'utf8')) as AdminArea[];
    expect(now).toHaveLength(villages.length);
    expect(now.find((v) => v.code === a.code)).toMatchObject({
      population: a.population + 100,
      households: a.households + 40,
      aged65: 150,
      vulnerable: { ...a.vulnerable, disabled: 7 },
    });
    expect(now.find((v) => v.code === b.code)?.population).toBe(b.population + 1);
    const grid = JSON.parse(readFileSync(join(target, 'grid-members.json'), 'utf8')) as {
      name: string;
      position: [number, number];
      approximate?: true;
      fullTime: boolean;
    }[];
    expect(grid).toHaveLength(gridBefore.length + 2);
    expect(grid.find((g) => g.name === '导入测试网格员甲')).toMatchObject({
      position: a.seat,
      approximate: true,
      fullTime: true,
    });

    // The same workbook again changes nothing.
    const again = await runImport(req([file], { apply: false, merge: true }));
    expect(
      [...again.diffs.values()].map((d) => [d.added.length, d.changed.length, d.removed.length]),
    ).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });
});
