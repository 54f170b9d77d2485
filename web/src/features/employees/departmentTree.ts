import type { Department } from './api';

export interface DepartmentNode {
  key: string;
  title: string;
  children: DepartmentNode[];
}

/** The flat department list as a tree (by WeCom ids); a department whose parent is unknown is a root. */
export function departmentTree(departments: Department[]): DepartmentNode[] {
  const nodes = new Map<string, DepartmentNode>(
    departments.map((d) => [d.departmentId, { key: d.departmentId, title: d.name, children: [] }]),
  );
  const roots: DepartmentNode[] = [];
  for (const department of departments) {
    const node = nodes.get(department.departmentId)!;
    const parent = department.parentId === null ? undefined : nodes.get(department.parentId);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
