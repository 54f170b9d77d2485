import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Opens an Ant Design select and returns its dropdown, found through the listbox its combobox
 * controls while open. `.ant-select-dropdown:visible` alone can also match the dropdown of
 * another select that is still closing, holding the same options.
 */
export async function openDropdown(page: Page, combobox: Locator): Promise<Locator> {
  await combobox.click();
  let listbox: string | null = null;
  await expect
    .poll(async () => (listbox = await combobox.getAttribute('aria-controls')))
    .toBeTruthy();
  return page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${listbox}"]`) });
}
