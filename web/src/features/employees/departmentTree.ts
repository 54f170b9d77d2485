import type { Department } from './api';

export interface DepartmentNode {
  key: string;
  title: string;
  children: DepartmentNode[];
}

/**
 * The flat department list as a tree (by WeCom ids), siblings in WeCom's order (larger
 * first); a department whose parent is unknown is a root. `label` names a node.
 */
export function departmentTree(
  departments: Department[],
  label: (department: Department) => string,
): DepartmentNode[] {
  const sorted = [...departments].sort((a, b) => b.order - a.order);
  const nodes = new Map<string, DepartmentNode>(
    sorted.map((d) => [d.departmentId, { key: d.departmentId, title: label(d), children: [] }]),
  );
  const roots: DepartmentNode[] = [];
  for (const department of sorted) {
    const node = nodes.get(department.departmentId)!;
    const parent = department.parentId === null ? undefined : nodes.get(department.parentId);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
