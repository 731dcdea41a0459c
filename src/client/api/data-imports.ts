import {
  ImportReport,
  type ColumnMapping,
  type ImportRegister,
  type ScenarioId,
} from '../../shared/protocol/index.ts';
import { ApiError } from './api-error.ts';
import { authHeaders } from './credential.ts';
import { apiFetch } from './read-api.ts';

export interface ImportOptions {
  apply: boolean;
  merge: boolean;
  crs: 'wgs84' | 'cgcs2000' | 'gcj02' | 'bd09';
  /** Headers the officer mapped by hand (and the register the file is). */
  mapping: ColumnMapping | null;
}

function query(o: ImportOptions, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({
    apply: o.apply ? '1' : '0',
    merge: o.merge ? '1' : '0',
    crs: o.crs,
    ...extra,
  });
  if (o.mapping) {
    q.set('register', o.mapping.register);
    q.set('columns', JSON.stringify(o.mapping.columns));
  }
  return q.toString();
}

/**
 * Sends a register file to the gateway to be checked (and, asked to, applied). XMLHttpRequest,
 * not fetch: only it reports upload progress, which a large register on a slow link needs.
 */
export function uploadImport(
  scenario: ScenarioId,
  file: File,
  o: ImportOptions,
  onProgress: (fraction: number) => void,
): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/scenarios/${scenario}/imports?${query(o)}`);
    for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'the gateway could not be reached'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: reported below with the status
      }
      if (xhr.status !== 200) {
        const why = (body as { description?: string } | null)?.description ?? xhr.statusText;
        reject(new ApiError(xhr.status, `${xhr.status}: ${why}`));
        return;
      }
      const parsed = ImportReport.safeParse(body);
      if (parsed.success) resolve(parsed.data);
      else reject(new ApiError(500, 'the gateway answered something that is not an import report'));
    };
    xhr.send(file);
  });
}

/** The check's report as a workbook: every problem (the console shows the first thousand). */
export async function fetchImportReport(
  scenario: ScenarioId,
  file: File,
  o: ImportOptions,
): Promise<Blob> {
  const res = await apiFetch(
    `/api/scenarios/${scenario}/imports?${query({ ...o, apply: false }, { report: 'xlsx' })}`,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(file.name),
      },
      body: file,
    },
  );
  if (!res.ok) throw new ApiError(res.status, `${res.status} ${res.statusText}`);
  return res.blob();
}

/** A register's XLSX template to fill. */
export async function fetchTemplate(scenario: ScenarioId, register: ImportRegister): Promise<Blob> {
  const res = await apiFetch(`/api/scenarios/${scenario}/imports/templates/${register}`);
  if (!res.ok) throw new ApiError(res.status, `${res.status} ${res.statusText}`);
  return res.blob();
}
