/** Hands a text or a blob to the browser as a file download. */
export function download(
  content: string | Blob,
  name: string,
  type = 'text/csv;charset=utf-8',
): void {
  const url = URL.createObjectURL(
    typeof content === 'string' ? new Blob([content], { type }) : content,
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}
