import {
  bulkPriceLevelsResultSchema,
  bulkPriceLevelsSchema,
  customerPriceLevelsSchema,
  customerPriceLevelsViewSchema,
  idParamsSchema,
  priceLevelFieldsSchema,
  priceLevelListQuerySchema,
  priceLevelListSchema,
  priceLevelSchema,
  priceListQuerySchema,
  updatePriceLevelSchema,
  XLSX_CONTENT_TYPE,
} from '@app/shared';
import { exportFileName } from '../exports/file-name.js';
import { sendXlsx } from '../exports/send-xlsx.js';
import { defineRoute } from '../http/route.js';
import { priceLevelPolicy } from '../policies/price-level.js';
import { assignPriceLevelInBulk, getCustomerPriceLevels, setCustomerPriceLevels } from './customer-price-levels.js';
import { listPriceLevels, presentOne } from './price-level-list.js';
import { createPriceLevel, deletePriceLevel, updatePriceLevel } from './price-level.service.js';
import { priceListExport } from './price-list-export.js';

const PRICE_LIST = 'Price list';
const priceListAnswer = { status: 200, description: `${exportFileName(PRICE_LIST, 'YYYY-MM-DD')} (HEAD: the same checks and headers, no file)`, contentType: XLSX_CONTENT_TYPE };

export const priceLevelRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/price-levels',
    tag: 'price levels',
    summary: 'The price levels of the caller’s reseller (a distributor: of its resellers, read-only), with how many customers use each',
    access: 'session',
    roles: priceLevelPolicy.roles('priceLevel.list'),
    query: priceLevelListQuerySchema,
    success: { status: 200, description: 'The levels, the catalogue’s categories and the currency', schema: priceLevelListSchema },
    handler: ({ actor, query }) => listPriceLevels(actor, query),
  }),
  defineRoute({
    method: 'post',
    path: '/api/price-levels',
    tag: 'price levels',
    summary: 'Create a price level (markups per category, product prices, quantity breaks)',
    access: 'session',
    roles: priceLevelPolicy.roles('priceLevel.create'),
    body: priceLevelFieldsSchema,
    success: { status: 201, description: 'The new level', schema: priceLevelSchema },
    async handler({ actor, body, res }) {
      res.status(201).json(await presentOne(actor, await createPriceLevel(actor, body)));
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/price-levels/:id',
    tag: 'price levels',
    summary: 'Edit a price level; `revision` must be the one the edit was made on (else 409)',
    access: 'session',
    roles: priceLevelPolicy.roles('priceLevel.edit'),
    params: idParamsSchema,
    body: updatePriceLevelSchema,
    success: { status: 200, description: 'The level after the edit', schema: priceLevelSchema },
    errors: [409],
    handler: async ({ actor, params, body }) => presentOne(actor, await updatePriceLevel(actor, params.id, body)),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/price-levels/:id',
    tag: 'price levels',
    summary: 'Delete a price level no customer uses (409 naming how many do); never the default level',
    access: 'session',
    roles: priceLevelPolicy.roles('priceLevel.delete'),
    params: idParamsSchema,
    success: { status: 204, description: 'Deleted' },
    errors: [409],
    async handler({ actor, params, res }) {
      await deletePriceLevel(actor, params.id);
      res.status(204).end();
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/customers/price-levels',
    tag: 'price levels',
    summary: 'Give many customers one level for one category',
    access: 'session',
    roles: priceLevelPolicy.roles('priceLevel.assign'),
    body: bulkPriceLevelsSchema,
    success: { status: 200, description: 'How many customers were changed', schema: bulkPriceLevelsResultSchema },
    handler: ({ actor, body }) => assignPriceLevelInBulk(actor, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/customers/:id/price-levels',
    tag: 'price levels',
    summary: 'A customer’s price level per product category',
    access: 'session',
    roles: priceLevelPolicy.roles('priceLevel.readAssignments'),
    params: idParamsSchema,
    success: { status: 200, description: 'The level of each category', schema: customerPriceLevelsViewSchema },
    handler: ({ actor, params }) => getCustomerPriceLevels(actor, params.id),
  }),
  defineRoute({
    method: 'put',
    path: '/api/customers/:id/price-levels',
    tag: 'price levels',
    summary: 'Set a customer’s price level per category (categories not named take the default); `revision` is the customer’s',
    access: 'session',
    roles: priceLevelPolicy.roles('priceLevel.assign'),
    params: idParamsSchema,
    body: customerPriceLevelsSchema,
    success: { status: 200, description: 'The levels after the change', schema: customerPriceLevelsViewSchema },
    errors: [409],
    handler: ({ actor, params, body }) => setCustomerPriceLevels(actor, params.id, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/customers/:id/price-list.xlsx',
    tag: 'price levels',
    summary: 'A customer’s price list as its storefront users download it (no cost), streamed',
    access: 'session',
    roles: priceLevelPolicy.roles('priceList.download'),
    params: idParamsSchema,
    query: priceListQuerySchema,
    success: priceListAnswer,
    async handler({ actor, params, query, req, res }) {
      await sendXlsx(req, res, { title: PRICE_LIST, ...(await priceListExport(actor, params.id)) }, query.downloadToken);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/price-list.xlsx',
    tag: 'price levels',
    summary: 'The signed-in customer’s price list: every active product at its prices, with quantity breaks and level names; never cost',
    access: 'session',
    roles: priceLevelPolicy.roles('priceList.downloadOwn'),
    query: priceListQuerySchema,
    success: priceListAnswer,
    async handler({ actor, query, req, res }) {
      await sendXlsx(req, res, { title: PRICE_LIST, ...(await priceListExport(actor)) }, query.downloadToken);
    },
  }),
];
