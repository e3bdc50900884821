import { Alert, Anchor, Badge, Button, Checkbox, FileInput, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload, IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { CUSTOMER_IMPORT_COLUMNS, CUSTOMER_IMPORT_MAX_ROWS, type CustomerImport } from '@app/shared';
import { usePageTitle } from '@/lib/use-page-title';
import { IMPORT_TEMPLATE_URL, useImports, useUploadImport } from '../api/imports';
import { OUTCOME, OUTCOMES } from './outcome';

const REQUIRED = CUSTOMER_IMPORT_COLUMNS.filter((c) => c.required).map((c) => c.header);

/** Counts as badges: the dry run's, or after applying what was done. */
export function ImportCounts({ imp }: { imp: CustomerImport }) {
  const counts = imp.applied ?? imp.checked;
  return (
    <Group gap={6} wrap="wrap">
      {OUTCOMES.filter((o) => counts[o] > 0).map((o) => (
        <Badge key={o} color={OUTCOME[o].color} variant="light" tt="none">
          {imp.applied ? OUTCOME[o].done : OUTCOME[o].label}: {counts[o].toLocaleString('en')}
        </Badge>
      ))}
    </Group>
  );
}

const STATE_LABEL: Record<CustomerImport['state'], string> = { checked: 'Waiting for confirmation', applying: 'Being applied', applied: 'Applied' };

/** Reseller · Import customers: the template, the upload (a dry run first) and the imports so far. */
export function ImportsPage({ importPath }: { importPath: (id: string) => string }) {
  usePageTitle('Import customers');
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [sendActivation, setSendActivation] = useState(false);
  const upload = useUploadImport();
  const imports = useImports();

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Import customers</Title>
        <Text c="dimmed">Customers and their storefront users from a spreadsheet: checked first, applied when you confirm.</Text>
      </div>
      <Paper withBorder p="lg" radius="md">
        <Stack>
          <Group justify="space-between" wrap="wrap">
            <Text>
              Start from the template: one row per customer, <strong>Customer email</strong> is the key (a row with one of your customers' emails updates it). Required: {REQUIRED.join(', ')}. Up to{' '}
              {CUSTOMER_IMPORT_MAX_ROWS.toLocaleString('en')} rows, xlsx or csv.
            </Text>
            <Button component="a" href={IMPORT_TEMPLATE_URL} download variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
              Download the template
            </Button>
          </Group>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (file) upload.mutate({ file, sendActivation }, { onSuccess: (imp) => navigate(importPath(imp.id)) });
            }}
          >
            <Stack gap="sm">
              <FileInput
                label="File"
                placeholder="Choose an xlsx or csv file"
                accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
                value={file}
                onChange={setFile}
                clearable
                maw={480}
              />
              <Checkbox
                label="Email each new storefront user an activation link when the import is applied"
                checked={sendActivation}
                onChange={(e) => setSendActivation(e.currentTarget.checked)}
              />
              {upload.error && (
                <Alert color="red" role="alert" title="The file was not taken">
                  {upload.error.message}
                </Alert>
              )}
              <Group>
                <Button type="submit" disabled={!file} loading={upload.isPending}>
                  Check the file
                </Button>
                <Text size="sm" c="dimmed">
                  Nothing changes until you confirm the report.
                </Text>
              </Group>
            </Stack>
          </form>
        </Stack>
      </Paper>

      <Stack gap="xs">
        <Title order={2} size="h3">
          Imports
        </Title>
        {imports.data && imports.data.items.length === 0 && <Text c="dimmed">No imports yet.</Text>}
        {imports.data && imports.data.items.length > 0 && (
          <Table.ScrollContainer minWidth={640}>
            <Table striped verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>File</Table.Th>
                  <Table.Th>Uploaded</Table.Th>
                  <Table.Th>State</Table.Th>
                  <Table.Th>Rows</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {imports.data.items.map((imp) => (
                  <Table.Tr key={imp.id}>
                    <Table.Td>
                      <Anchor component={Link} to={importPath(imp.id)} fw={600}>
                        {imp.fileName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{new Date(imp.createdAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}</Text>
                      <Text size="xs" c="dimmed">
                        by {imp.createdByName}
                      </Text>
                    </Table.Td>
                    <Table.Td>{STATE_LABEL[imp.state]}</Table.Td>
                    <Table.Td>
                      <ImportCounts imp={imp} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Stack>
  );
}
