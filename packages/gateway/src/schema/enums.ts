import { builder } from '../builder.ts';
import {
  AggregationRule,
  AuditAction,
  ChangeReference,
  Direction,
  Framework,
  IndicatorCategory,
  KeyScope,
  ObservationStatus,
  PeriodKind,
  Qualifier,
  RegionLevel,
  SourceKind,
  SuccessionKind,
} from '../generated/prisma/enums.ts';

// Enums of the data model, exposed under the same names.
export const RegionLevelEnum = builder.enumType(RegionLevel, { name: 'RegionLevel' });
export const SuccessionKindEnum = builder.enumType(SuccessionKind, { name: 'SuccessionKind' });
export const IndicatorCategoryEnum = builder.enumType(IndicatorCategory, { name: 'IndicatorCategory' });
export const DirectionEnum = builder.enumType(Direction, {
  name: 'Direction',
  description: 'Whether a larger value is good news.',
});
export const AggregationRuleEnum = builder.enumType(AggregationRule, {
  name: 'AggregationRule',
  description:
    'What a rollup may do: SUM counts and money over disjoint periods and regions; RATIO recomputes a share from summed numerator and denominator; ' +
    'LAST_VALUE takes the latest value of a stock or target; NONE cannot be rolled up.',
});
export const FrameworkEnum = builder.enumType(Framework, { name: 'Framework' });
export const SourceKindEnum = builder.enumType(SourceKind, { name: 'SourceKind' });
export const PeriodKindEnum = builder.enumType(PeriodKind, { name: 'PeriodKind' });
export const QualifierEnum = builder.enumType(Qualifier, {
  name: 'Qualifier',
  description: 'How the value relates to the true figure: "trên 90 %" is MORE_THAN 90.',
});
export const ObservationStatusEnum = builder.enumType(ObservationStatus, { name: 'ObservationStatus' });
export const ChangeReferenceEnum = builder.enumType(ChangeReference, { name: 'ChangeReference' });
export const KeyScopeEnum = builder.enumType(KeyScope, {
  name: 'KeyScope',
  description: 'What a key may do: PUBLISH imports figures and saves charts; ADMIN also manages the catalogue and keys and reads the audit log.',
});
export const AuditActionEnum = builder.enumType(AuditAction, { name: 'AuditAction', description: 'What an audit entry records.' });
