import { exportCopy, type ExportFormat } from '../exportFiles';
import { PathEntryDialog } from './PathDialog';

export interface ExportPathDialogProps {
  format: ExportFormat;
  initialPath: string;
  onSubmit(path: string): void;
  onCancel(): void;
}

/**
 * Browser mode's stand-in for the native save dialog when exporting: the full path of the PDF, the
 * workbook or the folder for the CSV files, checked as the host checks it.
 */
export function ExportPathDialog({ format, initialPath, onSubmit, onCancel }: ExportPathDialogProps) {
  const copy = exportCopy[format];
  return (
    <PathEntryDialog
      title={copy.title}
      submit={copy.submit}
      intro={`This browser window cannot show your computer’s file picker, so type where to save ${format === 'csv' ? 'the CSV files' : format === 'xlsx' ? 'the workbook' : 'the PDF'}.`}
      label={copy.label}
      example={copy.example}
      initialPath={initialPath}
      onSubmit={onSubmit}
      onCancel={onCancel}
      submitTestId={format === 'pdf' ? 'report-pdf-save' : `export-${format}-save`}
      inputTestId={format === 'pdf' ? 'report-pdf-path' : `export-${format}-path`}
    />
  );
}
