import writeXlsxFile from 'write-excel-file/node';
import type { Template } from '../../shared/import/registers/index.ts';
import { addDropDowns } from './drop-down-lists.ts';

/** The sheet of a template that explains its columns (the import does not read it as data). */
export const NOTES_SHEET = '填写说明';

/**
 * An XLSX template of a register: its sheet with the header (the census name of each column),
 * a units row and an example row under it that the import skips (the example only while it is
 * left as it is), and a sheet explaining every column — what
 * goes in it, whether it is required, and the other names the import also accepts. Closed
 * columns (types, levels, yes/no) offer their values as a drop-down list.
 */
export async function writeTemplate(template: Template, path: string): Promise<void> {
  const { columns, example } = template;
  const bold = (value: string) => ({ value, fontWeight: 'bold' as const });
  const notes = [
    ['列 Column', '必填 Required', '填写 What', 'What', '也可写作 Also accepted'].map(bold),
    ...columns.map((c) => [
      c.names[0] ?? c.field,
      c.required ? '是' : '',
      c.hint.zh,
      c.hint.en,
      c.names.slice(1).join('、'),
    ]),
  ];
  await writeXlsxFile([
    {
      sheet: template.name.zh,
      data: [
        columns.map((c) => bold(c.names[0] ?? c.field)),
        columns.map((c) => ({ value: c.hint.zh, color: '#666666' })),
        columns.map((c) => {
          const value = example[c.field];
          return value === undefined
            ? null
            : { value, fontStyle: 'italic' as const, color: '#1d4ed8' };
        }),
      ],
      columns: columns.map(() => ({ width: 16 })),
    },
    {
      sheet: NOTES_SHEET,
      data: notes,
      columns: [{ width: 18 }, { width: 8 }, { width: 40 }, { width: 40 }, { width: 40 }],
    },
  ]).toFile(path);
  await addDropDowns(
    path,
    columns.flatMap((c, column) => (c.choices ? [{ column, fromRow: 3, choices: c.choices }] : [])),
  );
}
