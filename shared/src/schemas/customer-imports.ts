import { z } from 'zod';
import { objectIdSchema } from './common.js';

/**
 * The import file's columns, as the template names them (first row). A row is matched to an
 * existing customer of the reseller by `Customer email` (the key): the same file twice changes
 * nothing the second time. Headers are matched without regard to case; unknown ones are ignored.
 */
export const CUSTOMER_IMPORT_COLUMNS = [
  { key: 'email', header: 'Customer email', required: true, example: 'accounts@example-trading.example' },
  { key: 'companyName', header: 'Company name', required: true, example: 'Example Trading Ltd' },
  { key: 'tradingName', header: 'Trading name', required: false, example: 'Example' },
  { key: 'phone', header: 'Phone', required: true, example: '+44 20 7946 0000' },
  { key: 'address', header: 'Address', required: true, example: '1 High Street' },
  { key: 'city', header: 'City', required: true, example: 'London' },
  { key: 'state', header: 'State/province', required: true, example: 'Greater London' },
  { key: 'postcode', header: 'Postcode', required: true, example: 'EC1A 1AA' },
  { key: 'country', header: 'Country', required: true, example: 'United Kingdom' },
  { key: 'taxId', header: 'VAT / tax id', required: false, example: '' },
  { key: 'priceLevel', header: 'Price level', required: false, example: '' },
  { key: 'userFirstName', header: 'User first name', required: false, example: 'Alex' },
  { key: 'userLastName', header: 'User last name', required: false, example: 'Smith' },
  { key: 'userEmail', header: 'User email', required: false, example: 'alex.smith@example-trading.example' },
] as const;
export type CustomerImportColumnKey = (typeof CUSTOMER_IMPORT_COLUMNS)[number]['key'];

/** The largest file taken (a 50,000-row file of the template is about 10 MB as csv, less as xlsx). */
export const CUSTOMER_IMPORT_MAX_BYTES = 25 * 1024 * 1024;
/** The most data rows one file may hold. */
export const CUSTOMER_IMPORT_MAX_ROWS = 50_000;

export const IMPORT_OUTCOMES = ['create', 'update', 'unchanged', 'refused'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];
/** checked: dry run done, waiting for confirmation; applying: confirmed, being applied; applied: done. */
export const IMPORT_STATES = ['checked', 'applying', 'applied'] as const;

const countsSchema = z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int(), refused: z.number().int() });

export const customerImportSchema = z
  .object({
    id: objectIdSchema,
    fileName: z.string(),
    state: z.enum(IMPORT_STATES),
    sendActivation: z.boolean(),
    rows: z.number().int(),
    /** What the dry run found. */
    checked: countsSchema,
    /** What applying did (rows refused then include those refused when applied); null before. */
    applied: countsSchema.nullable(),
    createdAt: z.string(),
    createdByName: z.string(),
    appliedAt: z.string().nullable(),
    abilities: z.object({ apply: z.boolean() }),
  })
  .meta({ id: 'CustomerImport' });
export type CustomerImport = z.infer<typeof customerImportSchema>;

export const customerImportListSchema = z.object({ items: z.array(customerImportSchema) }).meta({ id: 'CustomerImportList' });
export type CustomerImportList = z.infer<typeof customerImportListSchema>;

export const customerImportUploadQuerySchema = z
  .object({
    fileName: z.string().trim().min(1, 'Name the file').max(200),
    /** Whether each new storefront user gets its activation email when the import is applied. */
    sendActivation: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  })
  .meta({ id: 'CustomerImportUploadQuery' });

export const customerImportRowsQuerySchema = z
  .object({
    outcome: z.enum(IMPORT_OUTCOMES).optional(),
    /** Rows after this row number (paging). */
    after: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(200),
  })
  .meta({ id: 'CustomerImportRowsQuery' });

export const customerImportRowSchema = z
  .object({
    rowNumber: z.number().int(),
    /** After applying: what applying did; before: what the dry run expects. */
    outcome: z.enum(IMPORT_OUTCOMES),
    reasons: z.array(z.string()),
    email: z.string(),
    companyName: z.string(),
  })
  .meta({ id: 'CustomerImportRow' });
export type CustomerImportRow = z.infer<typeof customerImportRowSchema>;

export const customerImportRowsSchema = z
  .object({ items: z.array(customerImportRowSchema), nextAfter: z.number().int().nullable() })
  .meta({ id: 'CustomerImportRows' });
export type CustomerImportRows = z.infer<typeof customerImportRowsSchema>;
