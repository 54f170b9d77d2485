import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { qrPng } from '../http/qr-image.js';

/** The images behind contact-way and join-way qr_code URLs, and the acquisition-link landing page. */
export function registerCodeRoutes(app: HttpServer, ctx: SandboxContext): void {
  app.get(
    '/sandbox/qr/:kind/:file',
    {
      schema: {
        hide: true,
        params: z.object({
          kind: z.enum(['contact-way', 'join-way']),
          file: z.string().regex(/^[0-9a-f]+\.png$/),
        }),
      },
    },
    async (request, reply) => {
      const id = request.params.file.replace(/\.png$/, '');
      const exists = Object.values(ctx.state.corps).some((c) =>
        request.params.kind === 'contact-way' ? c.contactWays[id] : c.joinWays[id],
      );
      if (!exists) return reply.status(404).type('text/plain').send('no such code');
      return reply.type('image/png').send(qrPng(`${request.params.kind}:${id}`));
    },
  );

  app.get(
    '/sandbox/ca/:linkId',
    { schema: { hide: true, params: z.object({ linkId: z.string() }) } },
    async (request, reply) => {
      const link = Object.values(ctx.state.corps)
        .map((c) => c.links[request.params.linkId])
        .find((l) => l !== undefined);
      if (!link) return reply.status(404).type('text/plain').send('no such acquisition link');
      return reply
        .type('text/plain; charset=utf-8')
        .send(
          `获客链接「${link.link_name}」\nIn the sandbox a person opens it through the control API:\nPOST /sandbox/customers/<customer>/open-acquisition-link {"url": "${link.url}?customer_channel=..."}\n`,
        );
    },
  );
}
