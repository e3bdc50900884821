import { z } from 'zod';
import { objectIdSchema } from './common.js';
import { downloadTokenSchema } from './exports.js';

/** Money as the API carries it: the currency's major unit, at most two decimals (cents). */
const moneySchema = (label: string) =>
  z
    .number({ error: `${label} is required` })
    .min(0, `${label} cannot be negative`)
    .max(10_000_000, `${label} must be at most 10,000,000`)
    .refine((n) => Number.isInteger(Math.round(n * 100 * 1e6) / 1e6), `${label}: at most two decimals`);

const markupSchema = z
  .number({ error: 'Markup is required' })
  .min(-100, 'Markup cannot be below -100 %')
  .max(1000, 'Markup must be at most 1000 %')
  .refine((n) => Number.isInteger(Math.round(n * 100 * 1e6) / 1e6), 'Markup: at most two decimals');

export const priceBreakSchema = z
  .object({
    minQuantity: z.number({ error: 'Enter a quantity' }).int('Whole numbers only').min(2, 'A break starts at 2 units or more').max(10_000, 'At most 10,000'),
    unitPrice: moneySchema('Price'),
  })
  .meta({ id: 'PriceBreak' });
export type PriceBreak = z.infer<typeof priceBreakSchema>;

/** A product's own price on a level: a fixed unit price (else the category's markup) and quantity breaks. */
export const productPriceSchema = z
  .object({
    productId: objectIdSchema,
    unitPrice: moneySchema('Price').nullable(),
    breaks: z
      .array(priceBreakSchema)
      .max(10, 'At most 10 breaks a product')
      .refine((b) => new Set(b.map((x) => x.minQuantity)).size === b.length, 'Each quantity once'),
  })
  .meta({ id: 'ProductPrice' });
export type ProductPrice = z.infer<typeof productPriceSchema>;

export const categoryMarkupSchema = z.object({ category: z.string().trim().min(1).max(100), markupPercent: markupSchema }).meta({ id: 'CategoryMarkup' });

export const priceLevelFieldsSchema = z
  .object({
    name: z.string({ error: 'Name is required' }).trim().min(1, 'Name is required').max(60, 'Name must be at most 60 characters'),
    /** For every category without its own markup. */
    markupPercent: markupSchema,
    categoryMarkups: z
      .array(categoryMarkupSchema)
      .max(100)
      .refine((c) => new Set(c.map((x) => x.category)).size === c.length, 'Each category once'),
    products: z
      .array(productPriceSchema)
      .max(500)
      .refine((p) => new Set(p.map((x) => x.productId)).size === p.length, 'Each product once'),
    /** Prices below cost (a negative margin) only when the reseller says so on this level. */
    allowBelowCost: z.boolean(),
  })
  .meta({ id: 'PriceLevelFields' });
export type PriceLevelFields = z.infer<typeof priceLevelFieldsSchema>;

export const updatePriceLevelSchema = priceLevelFieldsSchema.extend({ revision: z.number().int().min(1) }).meta({ id: 'UpdatePriceLevel' });
export type UpdatePriceLevel = z.infer<typeof updatePriceLevelSchema>;

export const priceLevelSchema = priceLevelFieldsSchema
  .extend({
    id: objectIdSchema,
    resellerId: objectIdSchema,
    resellerName: z.string(),
    isDefault: z.boolean(),
    revision: z.number(),
    /** Customers with this level for at least one category. */
    customersUsing: z.number(),
    abilities: z.object({ edit: z.boolean(), delete: z.boolean() }).meta({ id: 'PriceLevelAbilities' }),
  })
  .meta({ id: 'PriceLevel' });
export type PriceLevel = z.infer<typeof priceLevelSchema>;

export const priceLevelListQuerySchema = z.object({ resellerId: objectIdSchema.optional() }).meta({ id: 'PriceLevelListQuery' });

export const priceLevelListSchema = z
  .object({
    items: z.array(priceLevelSchema),
    /** The catalogue's categories and active products with their cost, for the level editor (staff only: this route admits no storefront user). */
    categories: z.array(z.string()),
    products: z.array(z.object({ id: objectIdSchema, sku: z.string(), name: z.string(), category: z.string(), unitCost: z.number() })),
    currency: z.string(),
    abilities: z.object({ create: z.boolean() }).meta({ id: 'PriceLevelListAbilities' }),
  })
  .meta({ id: 'PriceLevelList' });
export type PriceLevelList = z.infer<typeof priceLevelListSchema>;

/** A customer's level per category; a category not named takes the reseller's default level. */
export const customerPriceLevelsSchema = z
  .object({
    assignments: z
      .array(z.object({ category: z.string().trim().min(1).max(100), levelId: objectIdSchema }))
      .max(100)
      .refine((a) => new Set(a.map((x) => x.category)).size === a.length, 'Each category once'),
    revision: z.number().int().min(1),
  })
  .meta({ id: 'CustomerPriceLevels' });
export type CustomerPriceLevels = z.infer<typeof customerPriceLevelsSchema>;

export const customerPriceLevelsViewSchema = z
  .object({
    customerId: objectIdSchema,
    revision: z.number(),
    categories: z.array(z.object({ category: z.string(), levelId: objectIdSchema, levelName: z.string(), isDefault: z.boolean() })),
    levels: z.array(z.object({ id: objectIdSchema, name: z.string(), isDefault: z.boolean() })),
    abilities: z.object({ assign: z.boolean(), downloadPriceList: z.boolean() }).meta({ id: 'CustomerPriceLevelsAbilities' }),
  })
  .meta({ id: 'CustomerPriceLevelsView' });
export type CustomerPriceLevelsView = z.infer<typeof customerPriceLevelsViewSchema>;

export const bulkPriceLevelsSchema = z
  .object({
    ids: z.array(objectIdSchema).min(1, 'Choose customers').max(500, 'At most 500 customers at once'),
    category: z.string().trim().min(1).max(100),
    /** null: back to the reseller's default level. */
    levelId: objectIdSchema.nullable(),
  })
  .meta({ id: 'BulkPriceLevels' });
export type BulkPriceLevels = z.infer<typeof bulkPriceLevelsSchema>;

export const bulkPriceLevelsResultSchema = z.object({ updated: z.number(), notFound: z.number() }).meta({ id: 'BulkPriceLevelsResult' });

/** The price list file takes no view: every active product at the customer's prices. */
export const priceListQuerySchema = z.object({ downloadToken: downloadTokenSchema }).meta({ id: 'PriceListQuery' });
