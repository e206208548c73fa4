import { useState } from 'react';
import { Modal } from '../../ui/Modal';
import { CreateTaskForm } from './CreateTaskForm';

/** The inbox header's blue + (seed 000): opens the Create Task modal; focus comes back here when it closes. */
export function CreateTaskButton() {
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <>
      <button
        type="button"
        className="button primary icon-button"
        aria-label="Create task"
        title="Create task"
        aria-haspopup="dialog"
        data-testid="create-task-button"
        onClick={() => setOpen(true)}
      >
        <span aria-hidden="true">+</span>
      </button>
      {open && (
        <Modal title="Create task" onClose={close} className="task-modal" testId="create-task-dialog">
          <CreateTaskForm onCreated={close} onCancel={close} />
        </Modal>
      )}
    </>
  );
}
