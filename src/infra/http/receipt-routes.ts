import { FastifyInstance } from 'fastify';
import { verifyReceipt } from '../../index';
import { holderRefusal } from './confidentiality';
import { ReadRouteDeps } from './read-routes';
import { refuse } from './refusals';

/**
 * Vote receipts over HTTP. A receipt shows how its holder voted, so it is read as the holder's
 * history is: with the holder's own key, or a key whose role reads every holder. The check is
 * made before anything is looked up, so that a caller learns nothing of whether another holder
 * voted. Verifying a receipt needs no key: it reads nothing of the record.
 */
export function registerReceiptRoutes(app: FastifyInstance, deps: ReadRouteDeps): void {
  const { govrec } = deps;

  app.get<{ Params: { meetingId: string; holderId: string } }>(
    '/api/meetings/:meetingId/receipts/:holderId',
    async (request, reply) => {
      const { meetingId, holderId } = request.params;
      const denied = holderRefusal(deps.callerOf(request), holderId, 'params.holderId');
      if (denied) return deps.refuse(reply, denied);
      const receipt = await govrec.receipt(meetingId, holderId);
      if (receipt.ok) return receipt.value;
      const { rule, message } = receipt.error;
      return deps.refuse(reply, refuse(rule, `params.${receipt.error.field}`, message));
    },
  );

  app.post<{ Body: unknown }>('/api/receipts/verify', async (request, reply) => {
    const body = (request.body ?? {}) as { receipt?: unknown; root?: unknown };
    if (typeof body.root !== 'string')
      return deps.refuse(
        reply,
        refuse('Invalid:Sha256Hex', 'body.root', 'root is the 64 hex digits published'),
      );
    const checked = verifyReceipt(body.receipt, body.root);
    if (checked.ok) return checked.value;
    const { rule, field, message } = checked.error;
    return deps.refuse(
      reply,
      refuse(rule, field === 'root' ? 'body.root' : `body.receipt.${field}`, message),
    );
  });
}
