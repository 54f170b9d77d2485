import type { doctorZhCN } from './doctor.zhCN';

/** Settings → Doctor, in English (same keys as the Chinese). */
export const doctorEn: Record<keyof typeof doctorZhCN, string> = {
  'doctor.intro':
    'Calls the WeCom and WeChat APIs with the stored credentials and checks the admin settings that trip everyone: credentials, trusted IP, customer-contact permission, callback URL and more, and says how to fix each.',
  'doctor.rerun': 'Run again',
  'doctor.running': 'Checking: this calls the platforms and can take a few seconds…',
  'doctor.summary': 'Summary of the checks',
  'doctor.count.ok': '{count} passed',
  'doctor.count.warn': '{count} warnings',
  'doctor.count.fail': '{count} failed',
  'doctor.status.ok': 'Passed',
  'doctor.status.warn': 'Warning',
  'doctor.status.fail': 'Failed',
  'doctor.verdict.ok': 'All good',
  'doctor.verdict.warn': 'Needs attention',
  'doctor.verdict.fail': 'Problems found',
  'doctor.fix': 'How to fix:',
  'doctor.noConnections': 'No connections yet: there is nothing to check.',
  'doctor.addConnection': 'Add a connection',
};
