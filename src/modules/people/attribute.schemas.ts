import { z } from 'zod';
import { attributeTypes } from './attribute.table.js';

const timestamp = z.iso.datetime();

export const attributeKeySchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,63}$/,
    'a lowercase letter, then up to 63 lowercase letters, digits or _',
  );
export const attributeTypeSchema = z.enum(attributeTypes);
const labelSchema = z.string().trim().min(1).max(100);
const enumOptionsSchema = z
  .array(z.string().trim().min(1).max(100))
  .min(1)
  .max(200)
  .refine((options) => new Set(options).size === options.length, 'options must be unique');

export const attributeDefinitionSchema = z.object({
  id: z.string(),
  key: z.string(),
  label: z.string(),
  type: attributeTypeSchema,
  enumOptions: z.array(z.string()).nullable(),
  pii: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const createAttributeDefinitionSchema = z.strictObject({
  key: attributeKeySchema,
  label: labelSchema,
  type: attributeTypeSchema,
  enumOptions: enumOptionsSchema.optional().describe('Required for enum, not allowed otherwise'),
  pii: z
    .boolean()
    .default(false)
    .describe('Personal data: encrypted at rest, masked without customers.pii. Fixed once set.'),
});

/** The key, type and pii flag never change (create another attribute instead). */
export const updateAttributeDefinitionSchema = z.strictObject({
  label: labelSchema.optional(),
  enumOptions: enumOptionsSchema.optional(),
});

export const attributeValueSchema = z.union([z.string(), z.number(), z.boolean()]).nullable();

/** An attribute value of a person, as the caller may see it. */
export const personAttributeSchema = z.object({
  key: z.string(),
  label: z.string(),
  type: attributeTypeSchema,
  /** Masked (a string) for personal attributes unless the caller has customers.pii. */
  value: attributeValueSchema,
  masked: z.boolean(),
  updatedAt: timestamp,
});

/** `{key: value}`; null clears an attribute. */
export const setAttributesSchema = z.record(z.string(), z.unknown());

export type AttributeDefinition = z.infer<typeof attributeDefinitionSchema>;
export type CreateAttributeDefinitionInput = z.input<typeof createAttributeDefinitionSchema>;
export type UpdateAttributeDefinitionInput = z.infer<typeof updateAttributeDefinitionSchema>;
export type AttributeValue = z.infer<typeof attributeValueSchema>;
export type PersonAttribute = z.infer<typeof personAttributeSchema>;
