// The registry of email templates: a name (stored in email_outbox.template) → component + subject.
// Adding a template = one file in emails/ and one line here.
import type { ComponentType } from "react";
import * as accountLocked from "@/emails/account-locked";
import * as emailChangeCode from "@/emails/email-change-code";
import * as emailChangedNotice from "@/emails/email-changed-notice";
import * as forgotUserId from "@/emails/forgot-user-id";
import * as passwordChangedNotice from "@/emails/password-changed-notice";
import * as passwordResetCode from "@/emails/password-reset-code";
import * as signupCode from "@/emails/signup-code";
import * as surveyFileDeleted from "@/emails/survey-file-deleted";
import * as surveyReceipt from "@/emails/survey-receipt";
import * as surveyReminder from "@/emails/survey-reminder";
import * as surveyReopened from "@/emails/survey-reopened";
import * as surveyReturned from "@/emails/survey-returned";
import * as surveyStart from "@/emails/survey-start";

interface TemplateModule<P> {
  default: ComponentType<P>;
  subject(props: P): string;
  PreviewProps: P;
}

const define = <P>(m: TemplateModule<P>) => m;

export const templates = {
  "signup-code": define(signupCode),
  "password-reset-code": define(passwordResetCode),
  "email-change-code": define(emailChangeCode),
  "email-changed-notice": define(emailChangedNotice),
  "password-changed-notice": define(passwordChangedNotice),
  "account-locked": define(accountLocked),
  "forgot-user-id": define(forgotUserId),
  "survey-receipt": define(surveyReceipt),
  "survey-start": define(surveyStart),
  "survey-reminder": define(surveyReminder),
  "survey-returned": define(surveyReturned),
  "survey-file-deleted": define(surveyFileDeleted),
  "survey-reopened": define(surveyReopened),
};

export type TemplateName = keyof typeof templates;
export type TemplateProps<T extends TemplateName> = (typeof templates)[T]["PreviewProps"];

export const templateNames = Object.keys(templates) as TemplateName[];

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(templates, name);
}

export type { UnionContact } from "@/emails/_components/types";
