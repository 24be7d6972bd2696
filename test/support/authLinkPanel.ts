import { screen, within } from '@testing-library/react';
import { authLinkLabels as labels } from '../../src/labels/authLinkLabels';

// Queries the AuthLinkPanel tests share.
export const panel = () => document.querySelector('.basiq-AuthLinkPanel')!;
export const state = () => panel().getAttribute('data-state');
export const status = () => screen.getByRole('status');
export const linkField = () => screen.getByRole<HTMLInputElement>('textbox', { name: labels.link });
export const mobileField = () =>
  screen.getByRole<HTMLInputElement>('textbox', { name: labels.mobile });
export const button = (name: string) => screen.getByRole('button', { name });
/** The button that confirms, inside the open confirmation (it reads like the one that opened it). */
export const confirmButton = (name: string) =>
  within(screen.getByRole('group')).getByRole('button', { name });
