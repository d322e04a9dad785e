import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import {
  TEXTED_RULEBOOK_IDS as RULEBOOK_IDS,
  RULE_TEXTS,
  interpretation,
  ruleText,
  type TextedRulebookId as RulebookId,
} from '@ledger/regulations';
import { Roles } from '../auth/roles';
import { interpretationView, ruleSummary, ruleView } from './rule-text-views';
import { Doc, objectOf } from '../http/openapi';

const RULEBOOK_ID = /^[a-z][a-z-]{0,31}$/;
/** Rule ids such as PP-15.5-CLS, EXC-4.1*, BW-6:96-6, and the catalogue's combined rows ("SPOT-3.4 / 4.1"). */
const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9.:*/ -]{0,47}$/;
const INTERPRETATION_ID = /^[A-Z][A-Z0-9-]{0,31}$/;

export class RulebookParams {
  @ApiProperty({ example: 'plusport' })
  @Matches(RULEBOOK_ID, { message: '$property must be a rulebook id such as plusport' })
  rulebookId!: string;
}

export class RuleParams extends RulebookParams {
  @ApiProperty({ example: 'PP-15.5-CLS', description: 'Rule id as decisions cite it (URL-encoded)' })
  @Matches(RULE_ID, { message: '$property must be a rule id such as PP-15.5-CLS' })
  ruleId!: string;
}

export class InterpretationParams {
  @ApiProperty({ example: 'PP-I19' })
  @Matches(INTERPRETATION_ID, { message: '$property must be an interpretation id such as PP-I19' })
  interpretationId!: string;
}

const SHARED = 'shared';

export class InterpretationsQuery {
  @ApiPropertyOptional({
    enum: [...RULEBOOK_IDS, SHARED],
    description: 'Only the interpretations of this rulebook, or `shared` for those of no single rulebook',
  })
  @IsOptional()
  @IsIn([...RULEBOOK_IDS, SHARED])
  rulebookId?: string;
}

function rulebookNotFound(rulebookId: string): NotFoundException {
  return new NotFoundException({
    error: 'RULEBOOK_NOT_FOUND',
    message: `No rulebook ${rulebookId}`,
    details: { rulebookId },
  });
}

/**
 * Rule texts for auditors (docs/api.md "Rule texts"): each rule in the project's words, the article of
 * the original with its Dutch sentence quoted, and the interpretations with every version of their
 * reasoning. The same data renders docs/regulations.md.
 */
@ApiTags('rule texts')
@Controller()
export class RuleTextsController {
  /** The rulebook's rules, then the shared ones (statutes) it may cite. */
  @Doc({
    summary: "List a rulebook's rules",
    description:
      "The rulebook's rules, then the shared ones (statutes) it may cite, each with a link to its text. Appends nothing.",
    errors: [400, 404],
    response: objectOf('rulebookId and rules [{ ruleId, title, shared, ledgerDecision, href }]'),
  })
  @Get('rulebooks/:rulebookId/rules')
  @Roles('backoffice', 'finance', 'auditor')
  list(@Param() params: RulebookParams) {
    const rules = RULE_TEXTS.rulesOf(params.rulebookId);
    if (!rules) throw rulebookNotFound(params.rulebookId);
    return {
      rulebookId: params.rulebookId,
      rules: [...rules, ...RULE_TEXTS.sharedRules()].map((rule) => ruleSummary(params.rulebookId, rule)),
    };
  }

  @Doc({
    summary: 'Get a rule text',
    description:
      'One rule as decisions cite it: title, text, aliases and the interpretations that read it. Appends nothing.',
    errors: [400, 404],
    response: objectOf('The rule: ruleId, rulebookId, shared, title, text, interpretations'),
  })
  @Get('rulebooks/:rulebookId/rules/:ruleId')
  @Roles('backoffice', 'finance', 'auditor')
  get(@Param() params: RuleParams) {
    if (!RULE_TEXTS.rulesOf(params.rulebookId)) throw rulebookNotFound(params.rulebookId);
    const rule = ruleText(params.rulebookId, params.ruleId);
    if (!rule) {
      throw new NotFoundException({
        error: 'RULE_NOT_FOUND',
        message: `Rulebook ${params.rulebookId} has no rule ${params.ruleId}`,
        details: { rulebookId: params.rulebookId, ruleId: params.ruleId },
      });
    }
    return ruleView(params.rulebookId, rule);
  }

  /** Every interpretation (or one rulebook's, or the shared ones), with the reading in force. */
  @Doc({
    summary: 'List interpretations',
    description:
      "Every interpretation (or one rulebook's, or the shared ones), with the reading in force. Appends nothing.",
    errors: [400],
    response: objectOf('The interpretations with their readings'),
  })
  @Get('interpretations')
  @Roles('backoffice', 'finance', 'auditor')
  interpretations(@Query() query: InterpretationsQuery) {
    const texts =
      query.rulebookId === undefined
        ? RULE_TEXTS.allInterpretations()
        : RULE_TEXTS.interpretationsOf(query.rulebookId === SHARED ? null : (query.rulebookId as RulebookId));
    return {
      interpretations: texts.map((text) => {
        const { versions, ...summary } = interpretationView(text);
        return { ...summary, reading: versions[versions.length - 1]!.reading };
      }),
    };
  }

  @Doc({
    summary: 'Get an interpretation',
    description: 'One interpretation with every reading and its version. Appends nothing.',
    errors: [400, 404],
    response: objectOf('The interpretation: id, rulebookId, title, source, ruleIds, readings'),
  })
  @Get('interpretations/:interpretationId')
  @Roles('backoffice', 'finance', 'auditor')
  interpretation(@Param() params: InterpretationParams) {
    const text = interpretation(params.interpretationId);
    if (!text) {
      throw new NotFoundException({
        error: 'INTERPRETATION_NOT_FOUND',
        message: `No interpretation ${params.interpretationId}`,
        details: { interpretationId: params.interpretationId },
      });
    }
    return interpretationView(text);
  }
}
