/** Ids shared by package.json contributions and the code: keep the two in step. */
export const EXTENSION_ID = 'mentorship.mentorship';

export const VIEW_CONTAINER = 'mentorship';
export const VIEWS = {
  nextSync: 'mentorship.nextSync',
  pairing: 'mentorship.pairing',
  takeaways: 'mentorship.takeaways',
} as const;

export const COMMANDS = {
  setUpMentorship: 'mentorship.setUpMentorship',
  openNotesRepo: 'mentorship.openNotesRepo',
  cloneNotesRepo: 'mentorship.cloneNotesRepo',
  connectRemote: 'mentorship.connectRemote',
  changeRemote: 'mentorship.changeRemote',
  disconnectRemote: 'mentorship.disconnectRemote',
  syncNow: 'mentorship.syncNow',
  openAgreement: 'mentorship.openAgreement',
  openNote: 'mentorship.openNote',
  refresh: 'mentorship.refresh',
  showLog: 'mentorship.showLog',
  flagForNextSync: 'mentorship.flagForNextSync',
  openAgendaItem: 'mentorship.openAgendaItem',
  markDiscussed: 'mentorship.markDiscussed',
  resolveAgendaItem: 'mentorship.resolveAgendaItem',
  reopenAgendaItem: 'mentorship.reopenAgendaItem',
  editQuestion: 'mentorship.editQuestion',
  removeAgendaItem: 'mentorship.removeAgendaItem',
  revealAgendaItem: 'mentorship.revealAgendaItem',
  showAgendaInSyncOrder: 'mentorship.showAgendaInSyncOrder',
  groupAgendaByFile: 'mentorship.groupAgendaByFile',
  groupAgendaByTag: 'mentorship.groupAgendaByTag',
  /** Takes an optional SessionFacts (src/core/sessionFacts.ts) to prefill the session file. */
  recordTakeaways: 'mentorship.recordTakeaways',
  restoreTakeawayDraft: 'mentorship.restoreTakeawayDraft',
  openReview: 'mentorship.openReview',
  startPairing: 'mentorship.startPairing',
  joinPairing: 'mentorship.joinPairing',
  joinPairingFromLink: 'mentorship.joinPairingFromLink',
  endPairing: 'mentorship.endPairing',
  copyPairingLink: 'mentorship.copyPairingLink',
  invitePairingContact: 'mentorship.invitePairingContact',
  rateSession: 'mentorship.rateSession',
  postUpdate: 'mentorship.postUpdate',
  reviewAgreement: 'mentorship.reviewAgreement',
  completeActionItem: 'mentorship.completeActionItem',
  compareConflictCopy: 'mentorship.compareConflictCopy',
} as const;

export const CONTEXT_KEYS = {
  pairingActive: 'mentorship.pairingActive',
  hasRelationship: 'mentorship.hasRelationship',
  hasRemote: 'mentorship.hasRemote',
  agendaGrouping: 'mentorship.agendaGrouping',
} as const;

/** Keys of the extension's global state (view preferences, not notes). */
export const STATE_KEYS = {
  agendaGrouping: 'mentorship.agendaGrouping',
  feedbackReminders: 'mentorship.feedbackReminders',
  takeawayDrafts: 'mentorship.takeawayDrafts',
  warnedShareExternalFiles: 'mentorship.warnedShareExternalFiles',
  lastNotesRepoPath: 'mentorship.lastNotesRepoPath',
} as const;

export const SETTINGS = {
  section: 'mentorship',
  notesRepoPath: 'notesRepo.path',
  notesRepoRemote: 'notesRepo.remote',
  additionalNotesRepos: 'notesRepo.additional',
  autoSync: 'sync.auto',
  gitPath: 'git.path',
  feedbackReminderHours: 'feedback.reminderDelayHours',
  guestAccess: 'pairing.guestAccess',
  invitationPollSeconds: 'pairing.invitationPollSeconds',
} as const;
