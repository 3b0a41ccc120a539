import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { DialectName } from '../connection.js';
import * as initial from './2026-11-26-001-initial.js';
import * as supervision from './2026-11-26-002-supervision.js';
import * as eventFacts from './2026-11-26-003-event-facts.js';
import * as createdDay from './2026-11-26-004-created-day.js';
import * as performanceIndexes from './2026-11-26-010-performance.js';
import * as cityImport from './2026-11-30-cityimport-001-spreadsheet-import.js';
import * as apiClients from './2026-11-30-cityin-001-api-clients.js';
import * as cityLink from './2026-11-30-cityout-001-city-link.js';
import * as knowledgeBase from './2026-11-30-knowledge-001-knowledge-base.js';
import * as categorySynonyms from './2026-11-30-lead-001-category-synonyms.js';
import * as attachmentBinding from './2026-11-30-notice-001-attachment-binding.js';
import * as coUnitReturn from './2026-11-30-notice-002-co-unit-return.js';
import * as confidential from './2026-11-30-privacy-001-confidential.js';
import * as repeatsClusters from './2026-11-30-repeats-001-repeats-clusters.js';
import * as auditChain from './2026-11-30-security-001-audit-chain.js';
import * as signIn from './2026-11-30-security-002-sign-in.js';
import * as signOff from './2026-11-30-signoff-001-sign-off.js';
import * as unitSynonyms from './2026-11-30-webfind-001-unit-synonyms.js';
import * as savedViews from './2026-11-30-webfind-002-saved-views.js';
import * as knowledgeKeywords from './2026-12-01-lead-001-knowledge-keywords.js';
import * as changeNotify from './2026-12-01-multiserver-001-change-notify.js';
import * as noCityLogin from './2026-12-01-nouser-001-no-city-login.js';
import * as officeClock from './2026-12-01-officeclock-001-dispatch-and-progress-clocks.js';
import * as repeatText from './2026-12-01-repeats-002-township-text.js';
import * as redoIndex from './2026-12-01-search-001-redo-index.js';
import * as searchText from './2026-12-01-search-002-search-text.js';
import * as dailyFigures from './2026-12-01-summaries-001-daily-figures.js';
import * as overdueAndRepeats from './2026-12-01-summaries-002-overdue-and-repeats.js';
import * as coAssignmentsIndex from './2026-12-01-summaries-003-co-assignments-index.js';
import * as supervisionRecords from './2026-12-01-supervise-001-supervision-records.js';
import * as cityBulletins from './2026-12-01-supervise-002-city-bulletins.js';
import * as registrationScan from './2026-12-01-supervise-003-registration-scan.js';
import * as pageStamp from './2026-12-03-pages-001-page-stamp.js';
import * as changeJournal from './2026-12-03-pages-002-change-journal.js';
import * as onePhoneIndex from './2026-12-04-indexes-001-one-phone-index.js';
import * as triggerGuards from './2026-12-04-summaries-004-trigger-guards.js';
import * as bulletinIssues from './2026-12-05-bulletins-001-issue-numbers.js';
import * as cityRefusedPulls from './2026-12-05-city-001-refused-pulls.js';
import * as unsignedParts from './2026-12-05-indexes-002-unsigned-parts.js';
import * as phonesOneForm from './2026-12-05-phones-001-one-written-form.js';
import * as registrationRequests from './2026-12-05-registration-001-request-keys.js';
import * as registrationContent from './2026-12-05-registration-002-request-content.js';
import * as placeKeys from './2026-12-05-repeats-003-place-keys.js';
import * as settingsAnnounce from './2026-12-05-settings-001-announce-change.js';
import * as usersAnnounce from './2026-12-05-users-001-announce-new-accounts.js';
import * as apiClientAddresses from './2026-12-06-api-clients-001-allowed-addresses.js';
import * as passwordAgeAndHistory from './2026-12-06-passwords-001-age-and-history.js';
import * as heldAndLateSigning from './2026-12-06-ranking-001-held-and-late-signing.js';
import * as decisionClock from './2026-12-07-officedecision-001-decision-clock.js';
import * as cityPollRuns from './2026-12-08-city-002-poll-runs.js';
import * as previousLogin from './2026-12-09-auth-001-previous-login.js';
import * as lastLoginsFromAudit from './2026-12-10-auth-002-last-logins-from-audit.js';
import * as editVersions from './2026-12-11-admin-001-edit-versions.js';
import * as coUnitDueSoon from './2026-12-12-counits-001-due-soon-mark.js';
import * as pendingExtensions from './2026-12-13-indexes-003-pending-extensions.js';
import * as escalationsIndex from './2026-12-13-indexes-004-escalations.js';
import * as leadDeadlineUrgency from './2026-12-14-indexes-005-lead-deadline-urgency.js';
import * as openCoParts from './2026-12-14-indexes-006-open-co-parts.js';
import * as progressMissed from './2026-12-14-indexes-007-progress-missed.js';
import * as redoneByState from './2026-12-14-indexes-008-redone-by-state.js';

type DialectMigration = { up(db: Kysely<unknown>, dialect: DialectName): Promise<void> };

/** Migrations in date order. Listed here (not read from disk) so they bundle and run under any loader. */
const MIGRATIONS: Record<string, DialectMigration> = {
  '2026-11-26-001-initial': initial,
  '2026-11-26-002-supervision': supervision,
  '2026-11-26-003-event-facts': eventFacts,
  '2026-11-26-004-created-day': createdDay,
  '2026-11-26-010-performance': performanceIndexes,
  '2026-11-30-cityout-001-city-link': cityLink,
  '2026-11-30-notice-001-attachment-binding': attachmentBinding,
  '2026-11-30-lead-001-category-synonyms': categorySynonyms,
  '2026-11-30-repeats-001-repeats-clusters': repeatsClusters,
  '2026-11-30-notice-002-co-unit-return': coUnitReturn,
  '2026-11-30-security-001-audit-chain': auditChain,
  '2026-11-30-cityin-001-api-clients': apiClients,
  '2026-11-30-security-002-sign-in': signIn,
  '2026-11-30-knowledge-001-knowledge-base': knowledgeBase,
  '2026-11-30-signoff-001-sign-off': signOff,
  '2026-11-30-webfind-001-unit-synonyms': unitSynonyms,
  '2026-11-30-webfind-002-saved-views': savedViews,
  '2026-11-30-privacy-001-confidential': confidential,
  '2026-11-30-cityimport-001-spreadsheet-import': cityImport,
  '2026-12-01-nouser-001-no-city-login': noCityLogin,
  '2026-12-01-lead-001-knowledge-keywords': knowledgeKeywords,
  '2026-12-01-supervise-001-supervision-records': supervisionRecords,
  '2026-12-01-supervise-002-city-bulletins': cityBulletins,
  '2026-12-01-supervise-003-registration-scan': registrationScan,
  '2026-12-01-officeclock-001-dispatch-and-progress-clocks': officeClock,
  '2026-12-01-repeats-002-township-text': repeatText,
  '2026-12-01-multiserver-001-change-notify': changeNotify,
  '2026-12-01-search-001-redo-index': redoIndex,
  '2026-12-01-search-002-search-text': searchText,
  '2026-12-01-summaries-001-daily-figures': dailyFigures,
  '2026-12-01-summaries-002-overdue-and-repeats': overdueAndRepeats,
  '2026-12-01-summaries-003-co-assignments-index': coAssignmentsIndex,
  '2026-12-03-pages-001-page-stamp': pageStamp,
  '2026-12-03-pages-002-change-journal': changeJournal,
  '2026-12-04-summaries-004-trigger-guards': triggerGuards,
  '2026-12-04-indexes-001-one-phone-index': onePhoneIndex,
  '2026-12-05-settings-001-announce-change': settingsAnnounce,
  '2026-12-05-users-001-announce-new-accounts': usersAnnounce,
  '2026-12-05-registration-001-request-keys': registrationRequests,
  '2026-12-05-registration-002-request-content': registrationContent,
  '2026-12-05-bulletins-001-issue-numbers': bulletinIssues,
  '2026-12-05-phones-001-one-written-form': phonesOneForm,
  '2026-12-05-indexes-002-unsigned-parts': unsignedParts,
  '2026-12-05-repeats-003-place-keys': placeKeys,
  '2026-12-05-city-001-refused-pulls': cityRefusedPulls,
  '2026-12-06-ranking-001-held-and-late-signing': heldAndLateSigning,
  '2026-12-06-api-clients-001-allowed-addresses': apiClientAddresses,
  '2026-12-07-officedecision-001-decision-clock': decisionClock,
  '2026-12-06-passwords-001-age-and-history': passwordAgeAndHistory,
  '2026-12-08-city-002-poll-runs': cityPollRuns,
  '2026-12-09-auth-001-previous-login': previousLogin,
  '2026-12-10-auth-002-last-logins-from-audit': lastLoginsFromAudit,
  '2026-12-11-admin-001-edit-versions': editVersions,
  '2026-12-12-counits-001-due-soon-mark': coUnitDueSoon,
  '2026-12-13-indexes-003-pending-extensions': pendingExtensions,
  '2026-12-13-indexes-004-escalations': escalationsIndex,
  '2026-12-14-indexes-005-lead-deadline-urgency': leadDeadlineUrgency,
  '2026-12-14-indexes-006-open-co-parts': openCoParts,
  '2026-12-14-indexes-007-progress-missed': progressMissed,
  '2026-12-14-indexes-008-redone-by-state': redoneByState,
};

export class HuiyinMigrations implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(
      Object.entries(MIGRATIONS).map(([name, m]) => [
        name,
        { up: (db: Kysely<unknown>) => m.up(db, this.dialect) },
      ]),
    );
  }
}
