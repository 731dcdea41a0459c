import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { HydroRuleSet, ScenarioId, type HydroRulesAnswer } from '../../shared/protocol/index.ts';
import { auditIdentity, type AuditGate } from '../access/audit-gate.ts';
import type { HydroDesk } from '../hydro/hydro-desk.ts';
import { auditLine } from '../socket/audit-trail.ts';
import { BadRequest, NotFound } from './errors.ts';

const RuleEdit = z.object({ rules: HydroRuleSet });

/**
 * The 水雨情 rules of a jurisdiction: anyone who reads the map may see them (what makes the
 * alarm ring is no secret); an admin replaces them as a whole, validated rule by rule (an error
 * names the rule's index and field), audited with the counts before and after. The engine is
 * rebuilt on the new rules at once.
 */
export function ruleRoutes(
  app: FastifyInstance,
  d: { scenarios: ReadonlySet<ScenarioId>; desk: HydroDesk; audit: AuditGate },
): void {
  const scenarioOf = (raw: string): ScenarioId => {
    const id = ScenarioId.safeParse(raw);
    if (!id.success || !d.scenarios.has(id.data)) throw new NotFound(`no scenario "${raw}"`);
    return id.data;
  };
  app.get<{ Params: { scenario: string } }>('/api/scenarios/:scenario/rules', async (req) => {
    return d.desk.ruleSet(scenarioOf(req.params.scenario)) satisfies HydroRulesAnswer;
  });
  app.put<{ Params: { scenario: string } }>('/api/scenarios/:scenario/rules', async (req) => {
    const scenario = scenarioOf(req.params.scenario);
    // The route's class (admin) has let only admins this far.
    const who = auditIdentity(req.principal);
    if (!who) throw new Error('unreachable: the admin class admits operators only');
    const edit = RuleEdit.safeParse(req.body);
    const before = d.desk.ruleSet(scenario);
    if (!edit.success) {
      const detail = z.prettifyError(edit.error);
      d.audit.refused(req.principal, 'command', 'rules:update refused', req.ip, (w) =>
        auditLine(
          w,
          'rules:update',
          { scenario },
          'refused',
          detail.slice(0, 500),
          null,
          null,
          null,
        ),
      );
      throw new BadRequest(detail);
    }
    await d.desk.setRules(scenario, edit.data.rules, who.subject);
    await d.audit.done(
      auditLine(
        who,
        'rules:update',
        { scenario },
        'done',
        `${edit.data.rules.length} rules (${edit.data.rules
          .map((r) => r.id)
          .join(', ')
          .slice(0, 300)})`,
        { source: before.source, rules: before.rules.length },
        { source: 'edited', rules: edit.data.rules.length },
        null,
      ),
    );
    return d.desk.ruleSet(scenario) satisfies HydroRulesAnswer;
  });
}
