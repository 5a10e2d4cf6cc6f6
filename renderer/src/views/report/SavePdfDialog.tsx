import { PathEntryDialog } from '../../app/dialogs/PathDialog';

export interface SavePdfDialogProps {
  initialPath: string;
  onSubmit(path: string): void;
  onCancel(): void;
}

/** Browser mode's stand-in for the native save dialog: the full path of the PDF, checked as the host checks it. */
export function SavePdfDialog({ initialPath, onSubmit, onCancel }: SavePdfDialogProps) {
  return (
    <PathEntryDialog
      title="Save report as PDF"
      submit="Save PDF"
      intro="This browser window cannot show your computer’s file picker, so type where to save the PDF."
      label="Full path of the PDF file"
      example="/home/you/plans/consortium-report.pdf"
      initialPath={initialPath}
      onSubmit={onSubmit}
      onCancel={onCancel}
      submitTestId="report-pdf-save"
      inputTestId="report-pdf-path"
    />
  );
}
