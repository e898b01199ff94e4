import * as vscode from 'vscode';
import {
  AGREEMENT_FILE,
  agreementFromDraft,
  CADENCES,
  DEFAULT_MINUTES_PER_SESSION,
  DEFAULT_SESSIONS_PLANNED,
  isValidEmail,
  relationshipLabel,
  renderAgreement,
  validatePositiveWhole,
  type AgreementDraft,
  type Cadence,
  type MentorshipRole,
} from '../core/agreement';
import { isoDate } from '../core/ids';
import { COMMANDS } from '../constants';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import { runSteps, type InputStep, type PickStep } from '../ui/multiStepInput';
import type { NotesSettings } from '../ui/notesSettings';

/** What "Set Up a Mentorship" asks; also accepted as the command's argument for automation. */
export type SetupAnswers = Omit<AgreementDraft, 'started'> & { readonly started?: string };

const requireText =
  (what: string) =>
  (value: string): string | undefined =>
    value.trim() ? undefined : `Enter ${what}.`;
const requireEmail = (value: string): string | undefined => (isValidEmail(value) ? undefined : 'Enter an email address like sam@example.com.');

async function askForSetup(identity: { name: string; email: string }): Promise<SetupAnswers | undefined> {
  const roleStep = (): PickStep<MentorshipRole> => ({
    kind: 'pick',
    prompt: 'Which side of the mentorship are you on?',
    items: [
      { label: '$(person) I am the mentee', detail: 'I set the agenda and bring code I need help with.', value: 'mentee' },
      { label: '$(mortar-board) I am the mentor', detail: 'I help the mentee fill gaps.', value: 'mentor' },
    ],
  });
  const other = (answers: readonly unknown[]): string => (answers[0] === 'mentee' ? 'mentor' : 'mentee');
  const answers = await runSteps('Set Up a Mentorship', [
    roleStep,
    (): InputStep => ({ kind: 'input', prompt: 'Your name', value: identity.name, validate: requireText('your name') }),
    (): InputStep => ({ kind: 'input', prompt: 'Your email (used for your commits in the notes repo)', value: identity.email, validate: requireEmail }),
    (a): InputStep => ({ kind: 'input', prompt: `Your ${other(a)}'s name`, validate: requireText('a name') }),
    (a): InputStep => ({ kind: 'input', prompt: `Your ${other(a)}'s email`, validate: requireEmail }),
    (a): InputStep => ({
      kind: 'input',
      prompt: a[0] === 'mentee' ? 'Purpose: what do you want from this mentorship?' : 'Purpose: what does your mentee want from this mentorship?',
      placeholder: 'e.g. Get confident reviewing React performance issues',
      validate: requireText('the purpose'),
    }),
    (): InputStep => ({ kind: 'input', prompt: 'How many sessions do you plan?', value: String(DEFAULT_SESSIONS_PLANNED), validate: (v) => validatePositiveWhole(v, 100) }),
    (): InputStep => ({ kind: 'input', prompt: 'Minutes per session', value: String(DEFAULT_MINUTES_PER_SESSION), validate: (v) => validatePositiveWhole(v, 480) }),
    (): PickStep<Cadence> => ({ kind: 'pick', prompt: 'How often do you meet?', items: CADENCES.map((cadence) => ({ label: cadence, value: cadence })) }),
  ]);
  if (!answers) return undefined;
  const [role, myName, myEmail, otherName, otherEmail, purpose, sessions, minutes, cadence] = answers as [MentorshipRole, string, string, string, string, string, string, string, Cadence];
  return {
    role,
    me: { name: myName, email: myEmail },
    other: { name: otherName, email: otherEmail },
    purpose,
    sessionsPlanned: Number(sessions),
    minutesPerSession: Number(minutes),
    cadence,
  };
}

/** "Mentorship: Set Up a Mentorship": writes `mentorship.md` as one commit. */
export async function setUpMentorship(directory: MentorshipDirectory, settings: NotesSettings, given?: SetupAnswers): Promise<string | undefined> {
  const answers = given ?? (await askForSetup(await settings.defaultIdentity()));
  if (!answers) return undefined;
  const agreement = agreementFromDraft({ ...answers, started: answers.started ?? isoDate(new Date()) });
  const { repo, isNew } = await directory.repoForNewRelationship(answers.other.name);
  await repo.setIdentity(answers.me.name, answers.me.email);
  await repo.commitFiles([{ path: AGREEMENT_FILE, content: renderAgreement(agreement) }], `Set up mentorship: ${relationshipLabel(agreement)}`);
  if (isNew) await settings.rememberRepo(repo.root);
  directory.reload();
  if (!given) {
    // The agreement is what the two of you read together next: open it.
    await vscode.commands.executeCommand(COMMANDS.openAgreement, repo.root);
    void vscode.window
      .showInformationMessage(`Mentorship set up: ${relationshipLabel(agreement)}. Notes are kept in ${repo.root}; share them with your ${answers.role === 'mentee' ? 'mentor' : 'mentee'} through a private remote.`, 'Connect Remote…')
      .then((choice) => {
        if (choice === 'Connect Remote…') void vscode.commands.executeCommand(COMMANDS.connectRemote, repo.root);
      });
  }
  return repo.root;
}
