// One schema per account form (forgot password / ID, settings), shared by the form and its action.
import { z } from "zod";
import {
  checkNewPassword,
  codeField,
  currentPasswordField,
  emailField,
  passwordConfirmField,
  passwordField,
  userIdField,
} from "../validation/fields";

// `userId` in the reset and change forms is set by the action from the session or cookie (the form's
// hidden copy only feeds the live checklist); it is bounded so no form value goes unchecked.
const hiddenUserId = z.string().max(100).optional();

export const forgotPasswordSchema = z.object({ userId: userIdField, email: emailField });

export const resetPasswordSchema = z
  .object({ code: codeField, password: passwordField, passwordConfirm: passwordConfirmField, userId: hiddenUserId })
  .superRefine(checkNewPassword);

export const forgotIdSchema = z.object({ email: emailField });

export const changePasswordSchema = z
  .object({
    currentPassword: currentPasswordField,
    password: passwordField,
    passwordConfirm: passwordConfirmField,
    userId: hiddenUserId,
  })
  .superRefine(checkNewPassword);

export const changeEmailSchema = z.object({ email: emailField, currentPassword: currentPasswordField });

export const emailCodeSchema = z.object({ code: codeField });
