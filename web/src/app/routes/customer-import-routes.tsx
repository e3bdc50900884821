import { useParams } from 'react-router';
import { ImportReportPage, ImportsPage } from '@/features/customer-imports';
import { paths } from '@/lib/paths';

const importPath = (id: string) => paths.customerImport('reseller', id);

/** Reseller · Import customers. */
export function CustomerImportsRoute() {
  return <ImportsPage importPath={importPath} />;
}

/** One import's report. */
export function CustomerImportRoute() {
  const { importId = '' } = useParams();
  return <ImportReportPage id={importId} importsPath={paths.customerImports('reseller')} />;
}
