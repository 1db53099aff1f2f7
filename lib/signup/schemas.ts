// One schema per sign-up form, used by the form (zodResolver) and by its server action.
import { z } from "zod";
import {
  birthDateField,
  checkNewPassword,
  codeField,
  emailField,
  insurerCodeField,
  kanaNameField,
  numberField,
  passwordConfirmField,
  passwordField,
  symbolField,
  userIdField,
} from "../validation/fields";

export const rosterMatchSchema = z.object({
  insurerCode: insurerCodeField,
  symbol: symbolField,
  number: numberField,
  birthDate: birthDateField,
  kanaName: kanaNameField,
});
export type RosterMatchInput = z.output<typeof rosterMatchSchema>;

export const accountSchema = z
  .object({ userId: userIdField, password: passwordField, passwordConfirm: passwordConfirmField, email: emailField })
  .superRefine(checkNewPassword);
export type AccountInput = z.output<typeof accountSchema>;

export const verifySchema = z.object({ code: codeField });
