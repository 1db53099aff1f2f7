import { z } from "zod";
import { checkNewPassword, codeField, emailField, passwordField, userIdField } from "../validation/fields";

export const forgotPasswordSchema = z.object({ userId: userIdField, email: emailField });

export const resetPasswordSchema = z
  .object({ code: codeField, password: passwordField, passwordConfirm: z.string(), userId: z.string().optional() })
  .superRefine(checkNewPassword);

export const forgotIdSchema = z.object({ email: emailField });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "現在のパスワードを入力してください。"),
    password: passwordField,
    passwordConfirm: z.string(),
    userId: z.string().optional(),
  })
  .superRefine(checkNewPassword);

export const changeEmailSchema = z.object({ email: emailField, currentPassword: z.string().min(1, "現在のパスワードを入力してください。") });

export const emailCodeSchema = z.object({ code: codeField });
