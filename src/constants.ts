/** Ids shared by package.json contributions and the code: keep the two in step. */
export const EXTENSION_ID = 'mentorship.mentorship';

export const VIEW_CONTAINER = 'mentorship';
export const VIEWS = {
  nextSync: 'mentorship.nextSync',
  pairing: 'mentorship.pairing',
  takeaways: 'mentorship.takeaways',
  program: 'mentorship.program',
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
  // Agenda items as comment threads (src/comments).
  replyToAgendaItem: 'mentorship.replyToAgendaItem',
  editAgendaReply: 'mentorship.editAgendaReply',
  saveAgendaReply: 'mentorship.saveAgendaReply',
  cancelAgendaReplyEdit: 'mentorship.cancelAgendaReplyEdit',
  deleteAgendaReply: 'mentorship.deleteAgendaReply',
  applySuggestedChange: 'mentorship.applySuggestedChange',
  markThreadDiscussed: 'mentorship.markThreadDiscussed',
  resolveThread: 'mentorship.resolveThread',
  reopenThread: 'mentorship.reopenThread',
  // The rhythm of a mentorship (src/schedule).
  scheduleNextSync: 'mentorship.scheduleNextSync',
  addToCalendar: 'mentorship.addToCalendar',
  // The champion's program view (src/program).
  setProgramConsent: 'mentorship.setProgramConsent',
  publishProgramSummary: 'mentorship.publishProgramSummary',
  postProgramUpdate: 'mentorship.postProgramUpdate',
  openProgramCharts: 'mentorship.openProgramCharts',
  syncProgram: 'mentorship.syncProgram',
} as const;

/** The comment controller of agenda-item threads (`commentController == …` in package.json). */
export const COMMENT_CONTROLLER = 'mentorship.agenda';

export const CONTEXT_KEYS = {
  pairingActive: 'mentorship.pairingActive',
  hasRelationship: 'mentorship.hasRelationship',
  /**
   * Set once the notes repos are loaded and hold no relationship. Palette commands that need one
   * hide on it: unlike hasRelationship it is unset (so they show) before anything has loaded.
   */
  noRelationship: 'mentorship.noRelationship',
  hasRemote: 'mentorship.hasRemote',
  agendaGrouping: 'mentorship.agendaGrouping',
  hasProgramRepo: 'mentorship.hasProgramRepo',
} as const;

/** The Review webview panel's view type (its serializer restores it after a window reload). */
export const REVIEW_PANEL = 'mentorship.review';

/** Keys of the extension's global state (view preferences, not notes). */
export const STATE_KEYS = {
  agendaGrouping: 'mentorship.agendaGrouping',
  feedbackReminders: 'mentorship.feedbackReminders',
  takeawayDrafts: 'mentorship.takeawayDrafts',
  warnedShareExternalFiles: 'mentorship.warnedShareExternalFiles',
  /** Per notes repo root: the reply ids this user has seen (unread counts, not notes). */
  seenReplies: 'mentorship.seenReplies',
  rhythmNudgesShown: 'mentorship.rhythmNudgesShown',
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
  pairingBackend: 'pairing.backend',
  scheduleReminderHours: 'schedule.reminderHours',
  programRepoPath: 'program.repoPath',
} as const;
