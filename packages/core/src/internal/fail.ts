/** Core's own short name for {@link throwInvalidArgument}. @internal */
export { throwInvalidArgument as fail } from '../invalid-argument-error';
