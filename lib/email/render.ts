// Template name + props → the three parts of a message. Rendered once, when the email is queued:
// the outbox stores the finished text, so a retry sends exactly what was first rendered.
import { render } from "@react-email/render";
import { createElement, type ComponentType } from "react";
import { templates, type TemplateName, type TemplateProps } from "./templates";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export async function renderEmail<T extends TemplateName>(template: T, props: TemplateProps<T>): Promise<RenderedEmail> {
  const t = templates[template] as unknown as { default: ComponentType<TemplateProps<T>>; subject(p: TemplateProps<T>): string };
  const element = createElement(t.default, props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return {
    // A subject is one header line; an admin-entered union name must not be able to break it.
    subject: t.subject(props).replace(/[\r\n\t]+/g, " ").trim(),
    html,
    text: tidyText(text),
  };
}

/** html-to-text leaves runs of blank lines between sections; one is enough on a phone. */
function tidyText(text: string): string {
  return text.replace(/[ \t]+\n/g, "\n").replace(/\n{3,}/g, "\n\n").trim() + "\n";
}
