import { z } from 'zod';
import { personTagSources, tagSources } from './tag.table.js';

const timestamp = z.iso.datetime();

export const tagNameSchema = z.string().trim().min(1).max(64);
export const orderSchema = z.number().int().min(0).max(1_000_000);
export const tagSourceSchema = z.enum(tagSources);

export const tagSchema = z.object({
  id: z.string(),
  groupId: z.string(),
  name: z.string(),
  source: tagSourceSchema,
  /** Set for corp tags synced with WeCom. */
  wecomTagId: z.string().nullable(),
  order: z.number(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const tagGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  source: tagSourceSchema,
  wecomGroupId: z.string().nullable(),
  order: z.number(),
  createdAt: timestamp,
  updatedAt: timestamp,
  tags: z.array(tagSchema),
});

export const createTagGroupSchema = z.strictObject({
  name: tagNameSchema,
  source: tagSourceSchema
    .default('local')
    .describe(
      'corp: shared with WeCom (pushed by the WeCom sync); local: Siyu only; rule: set by rules',
    ),
  order: orderSchema.optional(),
  /** Tags to create in the group at once. */
  tags: z.array(tagNameSchema).max(200).optional(),
});

export const updateTagGroupSchema = z.strictObject({
  name: tagNameSchema.optional(),
  order: orderSchema.optional(),
});

export const createTagSchema = z.strictObject({
  name: tagNameSchema,
  order: orderSchema.optional(),
});
export const updateTagSchema = createTagSchema.partial();

/** A tag on a person. */
export const personTagSchema = z.object({
  tagId: z.string(),
  name: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  source: z.enum(personTagSources),
  addedBy: z.string().nullable(),
  addedAt: timestamp,
});

export const changePersonTagsSchema = z.strictObject({
  add: z.array(z.string()).max(100).default([]),
  remove: z.array(z.string()).max(100).default([]),
});

export type TagGroup = z.infer<typeof tagGroupSchema>;
export type Tag = z.infer<typeof tagSchema>;
export type PersonTag = z.infer<typeof personTagSchema>;
export type CreateTagGroupInput = z.input<typeof createTagGroupSchema>;
export type UpdateTagGroupInput = z.infer<typeof updateTagGroupSchema>;
export type CreateTagInput = z.infer<typeof createTagSchema>;
export type UpdateTagInput = z.infer<typeof updateTagSchema>;
