import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Vendor libraries get their own long-lived chunks so app changes don't bust them. Ant Design
 * is split by the pages that use each part (`entriesAware`) and capped in size, so the login
 * page doesn't load the table and no chunk passes Vite's 500 kB warning.
 */
const vendorChunks = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, entriesAware: true },
  {
    name: 'antd',
    test: /node_modules[\\/](antd|@ant-design|@rc-component|dayjs|stylis)[\\/]/,
    entriesAware: true,
    maxSize: 600_000,
  },
];

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: { codeSplitting: { groups: vendorChunks } },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/docs': 'http://localhost:3000' },
  },
});
