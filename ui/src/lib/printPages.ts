// The pages of a form's PDF as images at print resolution, for the print layer that
// 「印刷する」 hands to the system print dialog (window.print()). pdf.js is loaded only here and
// in the preview, never at start.

/** One sheet: the page as a PNG (a data: URL, which the window's CSP allows) and its size. */
export type PrintPage = { src: string; widthMm: number; heightMm: number };

/** Enough for small print (8 pt tables) to stay sharp; an A4 page is 2339 × 1654 pixels. */
export const PRINT_DPI = 200;

const MM_PER_PT = 25.4 / 72;

/** Renders every page of `pdf` in turn (one canvas reused), reporting `done` of `total`. */
export async function renderPages(
  pdf: ArrayBuffer,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<PrintPage[]> {
  const [pdfjs, worker] = await Promise.all([
    import('pdfjs-dist'),
    import('pdfjs-dist/build/pdf.worker.min.mjs?url'),
  ]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf.slice(0)) });
  try {
    const doc = await task.promise;
    const canvas = document.createElement('canvas');
    const pages: PrintPage[] = [];
    onProgress(0, doc.numPages);
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const size = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: PRINT_DPI / 72 });
      canvas.width = Math.round(viewport.width);
      canvas.height = Math.round(viewport.height);
      const context = canvas.getContext('2d');
      if (context) {
        // A white sheet under the form (PNG would otherwise keep it transparent).
        context.fillStyle = '#fff';
        context.fillRect(0, 0, canvas.width, canvas.height);
      }
      await page.render({ canvas, viewport }).promise;
      pages.push({
        src: canvas.toDataURL('image/png'),
        widthMm: size.width * MM_PER_PT,
        heightMm: size.height * MM_PER_PT,
      });
      page.cleanup();
      onProgress(n, doc.numPages);
    }
    return pages;
  } finally {
    await task.destroy();
  }
}
