/**
 * Hands a single-use download id to the browser. The same relative path works on the web host
 * (http://…/download/<id>) and in the desktop app (app://courtdesk/download/<id>); the answer is
 * an attachment, so the page stays where it is and the browser (or Electron's save dialog) takes over.
 */
export function startDownload(downloadId: string, doc: Document = document): void {
  const link = doc.createElement('a');
  link.href = `/download/${encodeURIComponent(downloadId)}`;
  link.download = '';
  doc.body.append(link);
  link.click();
  link.remove();
}
