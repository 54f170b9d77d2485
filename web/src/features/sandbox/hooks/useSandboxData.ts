import { useMemo } from 'react';
import { useResource } from '../../../api/useResource';
import { listCustomers, listEmployees, type SandboxCustomer } from '../api';

/** Customers and employees of the sandbox, and the groups known through their members. */
export function useSandboxData(slug: string) {
  const customers = useResource((signal) => listCustomers(slug, signal), [slug]);
  const employees = useResource((signal) => listEmployees(slug, signal), [slug]);
  const groups = useMemo(() => groupsOf(customers.data ?? []), [customers.data]);
  return {
    customers,
    employees,
    groups,
    reload: () => {
      customers.reload();
      employees.reload();
    },
  };
}

/** Every customer group with at least one simulated customer in it. */
function groupsOf(customers: SandboxCustomer[]): { chatId: string; name: string }[] {
  const byId = new Map<string, string>();
  for (const customer of customers) {
    for (const group of customer.groups) byId.set(group.chatId, group.name);
  }
  return [...byId].map(([chatId, name]) => ({ chatId, name }));
}

export type SandboxData = ReturnType<typeof useSandboxData>;
