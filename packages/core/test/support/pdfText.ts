// The text a PDF shows, as a reader would copy it (unpdf, a serverless build of Mozilla's PDF.js):
// pdf-lib only writes PDFs, so tests read them back with an independent parser.
import { extractText, getDocumentProxy } from "unpdf";

export async function pdfText(pdf: Uint8Array): Promise<string> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(document, { mergePages: true });
  return text;
}
