import type { SupportSettings } from '../settings.ts';
import type { FmRequest, Lang, TicketRequest } from '../types.ts';
import type { Passage } from './retrieve.ts';

const LANGUAGE: Record<Lang, string> = { 'it-IT': 'Italian', 'en-US': 'English', 'de-DE': 'German' };

/** The FM request for one ticket: policies in the system prompt, the problem as the user turn, passages as context. */
export function solutionRequest(ticket: TicketRequest, passages: readonly Passage[], workflow: SupportSettings['workflow']): FmRequest {
  const rules = [
    'You are Hashi Support Desk, a technical-support assistant for EV chargers, inverters and home batteries.',
    `Answer in ${LANGUAGE[ticket.lang]}, as numbered steps the customer can follow.`,
  ];
  if (ticket.policies.grounded_only) {
    rules.push(
      'Use only the context passages. Cite every passage you use as [id].',
      'If no passage answers the problem, say that the knowledge base has no answer for it and that a technician is needed; do not guess.',
    );
  } else {
    rules.push('Prefer the context passages and cite the ones you use as [id].');
  }
  if (ticket.policies.safe_instructions) {
    rules.push(
      'Safety first: never tell the customer to open an enclosure, touch conductors, or bypass a protection device; steps that need that are for a qualified technician, and say so.',
    );
  }
  const asset = ticket.asset;
  const lines = [
    ticket.symptom_text,
    `${asset.model} (${asset.product_type}${asset.firmware_version ? `, firmware ${asset.firmware_version}` : ''})`,
    ...(ticket.error_code ? [`Error code ${ticket.error_code}`] : []),
  ];
  return {
    ...(workflow.model ? { model: workflow.model } : {}),
    system: rules.join('\n'),
    messages: [{ role: 'user', content: lines.join('\n') }],
    maxTokens: workflow.maxTokens,
    context: passages.map((p) => ({ id: p.id, title: p.title, text: p.text })),
  };
}
