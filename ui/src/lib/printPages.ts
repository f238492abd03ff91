// The pages of a form's PDF as images at print resolution, for the print layer that
// 「印刷する」 hands to the system print dialog (window.print()). pdf.js is loaded only here and
// in the preview, never at start.

/**
 * One sheet: the page as a PNG (a data: URL, which the window's CSP allows) and its size. A
 * landscape page is turned a quarter (as a printer does for 横): every sheet is portrait,
 * because WebKitGTK prints nothing on landscape sheets (checked with WebKitGTK 2.50 under Xvfb).
 */
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
      const flat = page.getViewport({ scale: 1 });
      // 横 pages turned a quarter anticlockwise, their top to the sheet's left edge.
      const rotation = flat.width > flat.height ? (page.rotate + 270) % 360 : page.rotate;
      const size = page.getViewport({ scale: 1, rotation });
      const viewport = page.getViewport({ scale: PRINT_DPI / 72, rotation });
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

/**
 * Resolves once every image has loaded and decoded (or failed, or after `limitMs`). WebKit
 * prints an image that is still loading as nothing, and a data: URL loads asynchronously too.
 */
export function whenLoaded(images: HTMLImageElement[], limitMs = 15000): Promise<void> {
  const one = (img: HTMLImageElement) =>
    new Promise<void>((done) => {
      if (img.complete && img.naturalWidth > 0) return done();
      img.addEventListener('load', () => done(), { once: true });
      img.addEventListener('error', () => done(), { once: true });
    }).then(() => img.decode?.().catch(() => undefined));
  const limit = new Promise<void>((done) => setTimeout(done, limitMs));
  return Promise.race([Promise.all(images.map(one)).then(() => undefined), limit]);
}
