import { createContext } from 'react';
import type { WorkspaceDetail } from './api';

export const WorkspaceContext = createContext<WorkspaceDetail | null>(null);
